-- The Kafka producer of events (contract 9.1, "at scale"): the deliveries of the one 'kafka' subscription are
-- produced by one relay at a time across instances, the holder of this lease, in event order. The lease is
-- taken and renewed by one short statement (PostgreSQL's clock), never held by an open transaction, so no
-- connection waits on the broker; an instance that dies leaves it to expire and another instance takes over.
create table event_relay_lease (
    name         varchar(40)  not null,
    holder       varchar(80),
    lease_until  timestamptz,
    constraint pk_event_relay_lease primary key (name)
);
insert into event_relay_lease (name) values ('kafka');

-- the relay's next batch (a subscription's pending deliveries in event order) is read through V19's
-- ix_webhook_delivery_pending, without sorting its backlog
