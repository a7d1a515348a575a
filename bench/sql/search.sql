-- GET /api/v1/admin/users?name=...: the admin's session checked live, the admin read, then the count and
-- the first page of users whose nickname or username holds a six-character piece of a seeded nickname,
-- each statement planned for its pattern (see UserRepository.planForTheseParameters).
\set n random(1, :users)
\set s random(0, 6)
-- the service binds the pattern as a parameter: so does this (an extra statement with no table behind it)
select '%' || substr(md5(:n::text), 1 + :s::int, 6) || '%' as pattern \gset
select id from user_session where user_id = :admin_id and revoked_at is null and expires_at > now() fetch first 1 rows only;
BEGIN READ ONLY;
select set_config('plan_cache_mode', 'force_custom_plan', true);
select id, address, avatar, background, birthday, community_id, created_at, email, height, mobile, nickname, password_hash, roles, sex, signature, status, updated_at, username, version, waist, weight from app_user where id = :admin_id;
select count(id) from app_user where 1=1 and (lower(nickname) like :pattern escape '\' or username like :pattern escape '\');
select id, address, avatar, background, birthday, community_id, created_at, email, height, mobile, nickname, password_hash, roles, sex, signature, status, updated_at, username, version, waist, weight from app_user
  where 1=1 and (lower(nickname) like :pattern escape '\' or username like :pattern escape '\')
  order by id + 0 desc offset 0 rows fetch first 20 rows only;
COMMIT;
