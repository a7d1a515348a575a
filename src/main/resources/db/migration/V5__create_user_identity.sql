-- WeChat, Weibo and QQ identities: one account per identity, one identity per provider per account.
create table user_identity (
    id              bigint generated always as identity not null,
    user_id         bigint       not null,
    provider        varchar(8)   not null,
    subject         varchar(128) not null,
    union_id        varchar(128),
    created_at      timestamptz  not null,
    constraint pk_user_identity primary key (id),
    constraint uk_user_identity_subject unique (provider, subject),
    constraint uk_user_identity_user_provider unique (user_id, provider),
    constraint fk_user_identity_user foreign key (user_id) references app_user (id) on delete cascade,
    constraint ck_user_identity_provider check (provider in ('wechat', 'weibo', 'qq'))
);
