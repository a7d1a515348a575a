-- POST /api/v1/verification-codes (SMS, a new number, a new client address): sends to one target take
-- turns, the address, resend interval and daily limits are counted from rows, the send and the code stored.
\set m random(13900000000, 13999999999)
\set i random(1, 130000)
BEGIN;
select pg_advisory_xact_lock(hashtextextended('+86' || :m::text, 0));
select count(*), min(sent_at) from code_send where ip = '198.18.' || (:i::int / 256) || '.' || (:i::int % 256) and sent_at > now() - interval '1 hour';
select max(sent_at) from code_send where target = '+86' || :m::text and purpose = 'login';
select count(*), min(sent_at) from code_send where target = '+86' || :m::text and sent_at > now() - interval '1 day';
insert into code_send (target, purpose, ip, sent_at) values ('+86' || :m::text, 'login', '198.18.' || (:i::int / 256) || '.' || (:i::int % 256), now());
insert into verification_code (target, purpose, code_hash, attempts, sent_at, expires_at, consumed_at)
  values ('+86' || :m::text, 'login', md5(:m::text), 0, now(), now() + interval '5 minutes', null)
  on conflict (target, purpose) do update set code_hash = excluded.code_hash, attempts = 0,
    sent_at = excluded.sent_at, expires_at = excluded.expires_at, consumed_at = null;
COMMIT;
