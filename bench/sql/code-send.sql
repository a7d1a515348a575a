-- POST /api/v1/verification-codes (SMS, a new number, a new client address): the Limiter's four
-- counters (address and network for the captcha threshold, then the target's resend and daily limits),
-- each one autocommitted upsert, then the code stored. No transaction is held while the provider is asked.
\set m random(13900000000, 13999999999)
\set i random(1, 130000)
insert into rate_limit (name, key, window_start, hits) values ('send-ip', '100.64.' || (:i::int / 256 % 256) || '.' || (:i::int % 4 + 1), now(), 1)
  on conflict (name, key) do update set hits = case when rate_limit.window_start <= now() - interval '1 hour' then 1 else rate_limit.hits + 1 end,
    window_start = case when rate_limit.window_start <= now() - interval '1 hour' then now() else rate_limit.window_start end
  returning hits, window_start;
insert into rate_limit (name, key, window_start, hits) values ('send-net', '100.64.' || (:i::int / 256 % 256) || '.0/24', now(), 1)
  on conflict (name, key) do update set hits = case when rate_limit.window_start <= now() - interval '1 hour' then 1 else rate_limit.hits + 1 end,
    window_start = case when rate_limit.window_start <= now() - interval '1 hour' then now() else rate_limit.window_start end
  returning hits, window_start;
insert into rate_limit (name, key, window_start, hits) values ('code-resend', '+86' || :m::text || '|login', now(), 1)
  on conflict (name, key) do update set hits = case when rate_limit.window_start <= now() - interval '60 seconds' then 1 else rate_limit.hits + 1 end,
    window_start = case when rate_limit.window_start <= now() - interval '60 seconds' then now() else rate_limit.window_start end
  returning hits, window_start;
insert into rate_limit (name, key, window_start, hits) values ('code-daily', '+86' || :m::text, now(), 1)
  on conflict (name, key) do update set hits = case when rate_limit.window_start <= now() - interval '1 day' then 1 else rate_limit.hits + 1 end,
    window_start = case when rate_limit.window_start <= now() - interval '1 day' then now() else rate_limit.window_start end
  returning hits, window_start;
insert into verification_code (target, purpose, code_hash, attempts, sent_at, expires_at, consumed_at)
  values ('+86' || :m::text, 'login', md5(:m::text), 0, now(), now() + interval '5 minutes', null)
  on conflict (target, purpose) do update set code_hash = excluded.code_hash, attempts = 0,
    sent_at = excluded.sent_at, expires_at = excluded.expires_at, consumed_at = null;
