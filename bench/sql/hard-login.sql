-- What one tenant hard login of an existing user sends to PostgreSQL (read from log_statement=all),
-- as the service sends it, after tenant-auth.sql.
\set a random(:hot + 1, :users)
BEGIN;
select id, associated_id, created_at, tenant_id, user_id from tenant_account where tenant_id = :tenant and associated_id = 'bench-' || :a::text for no key update \gset
select id, address, avatar, background, birthday, community_id, created_at, email, height, mobile, nickname, password_hash, roles, sex, signature, status, updated_at, username, version, waist, weight from app_user where id = :user_id;
select pg_notify('usercenter_echo_bench', :client_id::text);
update user_session set revoked_at = now() where user_id = :user_id and tenant_id = :tenant and revoked_at is null;
\set r random(1, 9000000000000)
insert into user_session (channel, created_at, expires_at, revoked_at, roles, tenant_id, tenant_key, user_id, id)
  values ('tenant', now(), now() + interval '30 days', null, '{USER}', :tenant, :tenant_key, :user_id, md5(:r::text || '-' || :client_id::text)::uuid);
insert into refresh_token (expires_at, rotated_at, session_id, token_hash) values (now() + interval '30 days', null, md5(:r::text || '-' || :client_id::text)::uuid, encode(sha256((:r::text || '-' || :client_id::text)::bytea), 'hex'));
insert into audit_event (at, detail, ip, tenant_key, type, user_id) values (now(), 'hard', '127.0.0.1', :tenant_key, 'tenant_login', :user_id);
COMMIT;
