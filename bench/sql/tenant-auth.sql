-- The first transaction of every tenant request (TenantAuthenticator): the tenant read, the signature
-- checked in Java, the nonce recorded. bench.py puts it before each tenant scenario's own transaction.
BEGIN;
select id, created_at, name, secret_sealed, status, tenant_key, updated_at from tenant where tenant_key = :tenant_key;
insert into tenant_nonce (tenant_id, nonce, seen_at) values (:tenant, md5(random()::text || clock_timestamp()), now())
  on conflict (tenant_id, nonce) do update set seen_at = excluded.seen_at where tenant_nonce.seen_at < now() - interval '15 minutes';
COMMIT;
