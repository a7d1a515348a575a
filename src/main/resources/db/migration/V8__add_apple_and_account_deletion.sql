-- Sign in with Apple: its identities keep the email Apple vouched for (never used to link accounts)
-- and Apple's refresh token, sealed with the master key, so account deletion can revoke it.
alter table user_identity alter column provider type varchar(16);
alter table user_identity drop constraint ck_user_identity_provider;
alter table user_identity add constraint ck_user_identity_provider
    check (provider in ('wechat', 'weibo', 'qq', 'apple'));
alter table user_identity add column email varchar(254);
alter table user_identity add column refresh_sealed bytea;

-- Account deletion: a request starts a cooling-off period; when it ends the account is erased down
-- to its id and the status 'erased'. erase_claimed_until leases a due account to one instance while
-- it revokes the account's Apple tokens, outside any transaction.
alter table app_user drop constraint ck_app_user_status;
alter table app_user add constraint ck_app_user_status check (status in ('active', 'disabled', 'erased'));
alter table app_user add column deletion_requested_at timestamptz;
alter table app_user add column erase_at timestamptz;
alter table app_user add column erase_claimed_until timestamptz;
create index ix_app_user_erase_at on app_user (erase_at) where erase_at is not null;
