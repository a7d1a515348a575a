-- A tenant login of an associatedId never seen: the user and its mapping are made, then the session.
\set r random(1, 9000000000000)
BEGIN;
select id, associated_id, created_at, tenant_id, user_id from tenant_account where tenant_id = :tenant and associated_id = 'pg-new-' || :r::text || '-' || :client_id::text for no key update;
select pg_advisory_xact_lock(hashtextextended(:tenant::text || chr(58) || 'pg-new-' || :r::text || '-' || :client_id::text, 0));
select id, associated_id, created_at, tenant_id, user_id from tenant_account where tenant_id = :tenant and associated_id = 'pg-new-' || :r::text || '-' || :client_id::text for no key update;
insert into app_user (address, avatar, background, birthday, community_id, created_at, email, height, mobile, nickname, password_hash, roles, sex, signature, status, updated_at, username, version, waist, weight)
  values (null, null, null, null, null, now(), null, null, null, null, null, '{USER}', 0, null, 'active', now(), null, 0, null, null) returning id as user_id \gset
insert into tenant_account (associated_id, created_at, tenant_id, user_id) values ('pg-new-' || :r::text || '-' || :client_id::text, now(), :tenant, :user_id);
update user_session set revoked_at = now() where user_id = :user_id and tenant_id = :tenant and revoked_at is null;
insert into user_session (channel, created_at, expires_at, revoked_at, roles, tenant_id, tenant_key, user_id, id)
  values ('tenant', now(), now() + interval '30 days', null, '{USER}', :tenant, :tenant_key, :user_id, md5(:r::text || '-' || :client_id::text)::uuid);
insert into refresh_token (expires_at, rotated_at, session_id, token_hash) values (now() + interval '30 days', null, md5(:r::text || '-' || :client_id::text)::uuid, encode(sha256((:r::text || '-' || :client_id::text)::bytea), 'hex'));
insert into audit_event (at, detail, ip, tenant_key, type, user_id) values (now(), 'hard, created', '127.0.0.1', :tenant_key, 'tenant_login', :user_id);
COMMIT;
