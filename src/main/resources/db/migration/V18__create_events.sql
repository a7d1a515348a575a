-- Events (contract 9.1): a transactional outbox, webhook subscriptions and one delivery row per event and
-- subscription. An event row and its delivery rows are written by one statement in the transaction of the
-- change they report, so a change rolled back sends nothing and one committed is delivered by any instance.

create table event_outbox (
    seq             bigint generated always as identity not null,
    id              uuid         not null,
    type            varchar(40)  not null,
    user_id         bigint       not null,
    data            jsonb        not null,
    occurred_at     timestamptz  not null,
    constraint pk_event_outbox primary key (seq),
    constraint uk_event_outbox_id unique (id)
);

-- kind 'webhook' is an admin's subscription; 'kafka' is the one internal subscription of the Kafka producer,
-- present while usercenter.events.kafka.bootstrap-servers is set (never listed by the admin API).
create table webhook_subscription (
    id                      bigint generated always as identity not null,
    kind                    varchar(8)    not null default 'webhook',
    url                     varchar(2048) not null,
    events                  text[]        not null,
    tenant_id               bigint,
    description             varchar(200),
    status                  varchar(16)   not null default 'active',
    secret_sealed           bytea,
    previous_secret_sealed  bytea,
    previous_secret_until   timestamptz,
    created_at              timestamptz   not null,
    updated_at              timestamptz   not null,
    constraint pk_webhook_subscription primary key (id),
    constraint fk_webhook_subscription_tenant foreign key (tenant_id) references tenant (id),
    constraint ck_webhook_subscription_kind check (kind in ('webhook', 'kafka')),
    constraint ck_webhook_subscription_status check (status in ('active', 'disabled'))
);
create unique index uk_webhook_subscription_kafka on webhook_subscription (kind) where kind = 'kafka';

-- One row per event and subscription. A subscription of a tenant gets only events about users the tenant
-- maps, with the associatedId the mapping had when the event happened (erasure deletes the mapping after).
create table webhook_delivery (
    subscription_id     bigint        not null,
    event_seq           bigint        not null,
    user_id             bigint        not null,
    associated_id       varchar(128),
    status              varchar(16)   not null default 'pending',
    attempts            integer       not null default 0,
    last_status         integer,
    last_attempt_at     timestamptz,
    next_attempt_at     timestamptz   not null,
    lease_until         timestamptz,
    constraint pk_webhook_delivery primary key (subscription_id, event_seq),
    constraint fk_webhook_delivery_subscription foreign key (subscription_id)
        references webhook_subscription (id) on delete cascade,
    constraint fk_webhook_delivery_event foreign key (event_seq) references event_outbox (seq),
    constraint ck_webhook_delivery_status check (status in ('pending', 'delivered', 'failed'))
);
-- what is due, and what comes before a delivery for the same user and subscription (commit order)
create index ix_webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'pending';
create index ix_webhook_delivery_order on webhook_delivery (subscription_id, user_id, event_seq)
    where status = 'pending';
create index ix_webhook_delivery_event on webhook_delivery (event_seq);
