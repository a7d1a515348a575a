-- GET /api/v1/users/me: the session is checked live in one autocommit statement (revocation is immediate
-- on every instance), then the profile and its hobbies are read. The hobby catalog comes from the service's cache.
\set a random(1, :hot)
select id from user_session where user_id = (:first_id::bigint + :a::bigint - 1) and revoked_at is null and expires_at > now() fetch first 1 rows only;
BEGIN READ ONLY;
select id, address, avatar, background, birthday, community_id, created_at, email, height, mobile, nickname, password_hash, roles, sex, signature, status, updated_at, username, version, waist, weight from app_user where id = (:first_id::bigint + :a::bigint - 1);
select hobby_id from user_hobby where user_id = (:first_id::bigint + :a::bigint - 1) order by hobby_id;
COMMIT;
