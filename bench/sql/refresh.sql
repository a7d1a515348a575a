-- POST /api/v1/auth/refresh: the token row locked (found by its hash), its session read, a new token
-- stored, the old one marked rotated, the session extended. bench.py stores the tokens it picks from.
\set k random(0, :codes - 1)
\set r random(1, 9000000000000)
BEGIN;
select token_hash, expires_at, rotated_at, session_id from refresh_token
  where token_hash = encode(sha256(('pg-' || :k::text)::bytea), 'hex') for no key update \gset
select id, channel, created_at, expires_at, revoked_at, roles, tenant_id, tenant_key, user_id from user_session where id = :session_id \gset
insert into refresh_token (expires_at, rotated_at, session_id, token_hash) values (now() + interval '30 days', null, :session_id, encode(sha256((:r::text || '-' || :client_id::text)::bytea), 'hex'));
update refresh_token set expires_at = :expires_at, rotated_at = now(), session_id = :session_id where token_hash = :token_hash;
update user_session set channel = 'tenant', created_at = now(), expires_at = now() + interval '30 days', revoked_at = null, roles = '{USER}', tenant_id = :tenant, tenant_key = :tenant_key, user_id = :user_id where id = :session_id;
COMMIT;
