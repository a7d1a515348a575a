-- Captchas, verification codes, tickets, send history and password lockout.

create table captcha (
    captcha_key     varchar(64)  not null,
    answer_hash     varchar(64)  not null,
    expires_at      timestamptz  not null,
    constraint pk_captcha primary key (captcha_key)
);
create index ix_captcha_expires on captcha (expires_at);

-- One live code per target and purpose: a new send replaces the row.
create table verification_code (
    target          varchar(254) not null,
    purpose         varchar(32)  not null,
    code_hash       varchar(64)  not null,
    attempts        smallint     not null default 0,
    sent_at         timestamptz  not null,
    expires_at      timestamptz  not null,
    consumed_at     timestamptz,
    constraint pk_verification_code primary key (target, purpose)
);
create index ix_verification_code_expires on verification_code (expires_at);

-- Every send, for the daily cap per target and the hourly count per client address.
create table code_send (
    id              bigint generated always as identity not null,
    target          varchar(254) not null,
    purpose         varchar(32)  not null,
    ip              varchar(64),
    sent_at         timestamptz  not null,
    constraint pk_code_send primary key (id)
);
create index ix_code_send_target on code_send (target, sent_at);
create index ix_code_send_ip on code_send (ip, sent_at);

create table verification_ticket (
    ticket_hash     varchar(64)  not null,
    target          varchar(254) not null,
    purpose         varchar(32)  not null,
    expires_at      timestamptz  not null,
    used_at         timestamptz,
    constraint pk_verification_ticket primary key (ticket_hash)
);
create index ix_verification_ticket_expires on verification_ticket (expires_at);

-- Requests per client address and action within the current hour (exists look-ups, ...).
create table request_counter (
    action          varchar(32)  not null,
    client          varchar(64)  not null,
    window_start    timestamptz  not null,
    hits            int          not null,
    constraint pk_request_counter primary key (action, client)
);

-- Wrong passwords per account within the current 15-minute window, and the lock they caused.
create table password_failure (
    user_id         bigint       not null,
    window_start    timestamptz  not null,
    failures        int          not null,
    locked_until    timestamptz,
    constraint pk_password_failure primary key (user_id),
    constraint fk_password_failure_user foreign key (user_id) references app_user (id) on delete cascade
);
