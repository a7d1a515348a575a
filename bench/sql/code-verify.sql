-- POST /api/v1/verification-codes/verify with the right code: the code row locked, consumed, a ticket
-- stored. Targets are the codes bench.py stored for +8613700000000 onwards before this runs.
\set k random(0, :codes - 1)
\set r random(1, 9000000000000)
BEGIN;
select code_hash, attempts, expires_at, consumed_at from verification_code where target = '+86' || (13700000000 + :k::bigint) and purpose = 'login' for update;
update verification_code set consumed_at = now() where target = '+86' || (13700000000 + :k::bigint) and purpose = 'login';
insert into verification_ticket (ticket_hash, target, purpose, expires_at) values (encode(sha256((:r::text || '-' || :client_id::text)::bytea), 'hex'), '+86' || (13700000000 + :k::bigint), 'login', now() + interval '10 minutes');
COMMIT;
