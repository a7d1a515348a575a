-- Substring search on nicknames and usernames for the admin user list, fast at millions of users.
create extension if not exists pg_trgm;

create index ix_app_user_nickname_trgm on app_user using gin (lower(nickname) gin_trgm_ops);
create index ix_app_user_username_trgm on app_user using gin (username gin_trgm_ops);

-- Admin message sends, for their rate limit and the audit trail's detail.
create index ix_audit_event_tenant_at on audit_event (tenant_key, at desc);
