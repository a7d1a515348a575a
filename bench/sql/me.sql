-- GET /api/v1/users/me: the session is checked from memory while the instance listens for ended sessions
-- (LiveSessions; the database is asked only on a cache miss), then the profile and its hobbies are read.
-- The hobby catalog comes from the service's cache.
\set a random(1, :hot)
BEGIN READ ONLY;
select id, address, avatar, background, birthday, community_id, created_at, email, email_verified, erase_at, deletion_requested_at, height, mobile, mobile_verified, nickname, password_hash, roles, sex, signature, status, updated_at, username, version, waist, weight from app_user where id = (:first_id::bigint + :a::bigint - 1);
select hobby_id from user_hobby where user_id = (:first_id::bigint + :a::bigint - 1) order by hobby_id;
COMMIT;
