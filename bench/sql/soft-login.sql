-- A tenant soft login of a user with a live session from this tenant: the session is reused and
-- extended, and a new refresh token is issued for it.
\set a random(1, :hot)
\set r random(1, 9000000000000)
BEGIN;
select id, associated_id, created_at, tenant_id, user_id from tenant_account where tenant_id = :tenant and associated_id = 'bench-' || :a::text for no key update \gset
select id, address, avatar, background, birthday, community_id, created_at, email, height, mobile, nickname, password_hash, roles, sex, signature, status, updated_at, username, version, waist, weight from app_user where id = :user_id;
select id as session_id, channel, created_at, expires_at, revoked_at, roles, tenant_id, tenant_key, user_id from user_session
  where user_id = :user_id and tenant_id = :tenant and revoked_at is null and expires_at > now() order by created_at desc fetch first 1 rows only \gset
insert into refresh_token (expires_at, rotated_at, session_id, token_hash) values (now() + interval '30 days', null, :session_id, encode(sha256((:r::text || '-' || :client_id::text)::bytea), 'hex'));
insert into audit_event (at, detail, ip, tenant_key, type, user_id) values (now(), 'soft', '127.0.0.1', :tenant_key, 'tenant_login', :user_id);
update user_session set channel = 'tenant', expires_at = now() + interval '30 days', revoked_at = null, roles = '{USER}', tenant_id = :tenant, tenant_key = :tenant_key, user_id = :user_id where id = :session_id;
COMMIT;
