-- Second factors (contract 9.4): a TOTP secret per account, sealed under the master key (the service must
-- read it back), in force once confirmed by a first code; last_step is the last time step accepted, so a
-- code is accepted once on any instance (one conditional update).
create table mfa_totp (
    user_id        bigint       not null,
    secret_sealed  bytea        not null,
    created_at     timestamptz  not null,
    confirmed_at   timestamptz,
    last_step      bigint       not null default 0,
    constraint pk_mfa_totp primary key (user_id),
    constraint fk_mfa_totp_user foreign key (user_id) references app_user (id) on delete cascade
);

-- Recovery codes, stored only as keyed hashes; a used code stays until the set is replaced.
create table mfa_recovery_code (
    user_id     bigint       not null,
    code_hash   varchar(64)  not null,
    used_at     timestamptz,
    constraint pk_mfa_recovery_code primary key (user_id, code_hash),
    constraint fk_mfa_recovery_code_user foreign key (user_id) references app_user (id) on delete cascade
);

-- The mfaToken between a sign-in's first step and its second: a keyed hash of the token, what the first
-- step proved (channel, amr), single use and short-lived.
create table mfa_challenge (
    token_hash  varchar(64)  not null,
    user_id     bigint       not null,
    channel     varchar(16)  not null,
    created     boolean      not null,
    amr         text[]       not null,
    expires_at  timestamptz  not null,
    used_at     timestamptz,
    constraint pk_mfa_challenge primary key (token_hash),
    constraint fk_mfa_challenge_user foreign key (user_id) references app_user (id) on delete cascade
);
create index ix_mfa_challenge_expires on mfa_challenge (expires_at);

-- How each session was signed in (RFC 8176 values), carried into its access tokens as amr. Sessions from
-- before this column say nothing (null): they were signed in with one factor.
alter table user_session add column amr text[];
