-- WeChat mini-program identities; one person's WeChat app and mini-program identities share a unionid,
-- by which sign-in finds the account the other created.
alter table user_identity drop constraint ck_user_identity_provider;
alter table user_identity add constraint ck_user_identity_provider
    check (provider in ('wechat', 'wechat_mini', 'weibo', 'qq', 'apple'));
create index ix_user_identity_union on user_identity (union_id) where union_id is not null;
