-- One table behind every limit (code sends, look-ups, password guesses, captcha fetches, profile reads,
-- admin messages): a fixed window per limit and key, counted by one atomic upsert, so every instance and
-- every concurrent request agrees. It replaces the three ways limits were counted before.
create table rate_limit (
    name            varchar(32)  not null,
    key             varchar(300) not null,
    window_start    timestamptz  not null,
    hits            int          not null,
    constraint pk_rate_limit primary key (name, key)
);
create index ix_rate_limit_window_start on rate_limit (window_start);

drop table request_counter;
drop table password_failure;
drop table code_send;

-- Nothing reads audit events by tenant; the index only slowed every insert.
drop index ix_audit_event_tenant_at;

-- A mobile or email set by a partner tenant or an admin is unproven until its owner proves it with a code.
alter table app_user add column mobile_verified boolean not null default false;
alter table app_user add column email_verified boolean not null default false;
-- Every contact stored before this migration came from a code, except those partners and admins set:
-- they cannot be told apart any more, so the safe reading is taken only for users a tenant maps.
update app_user set mobile_verified = true where mobile is not null
    and id not in (select user_id from tenant_account);
update app_user set email_verified = true where email is not null;
