-- Why the last attempt of a delivery failed, for ops (a refused target, a timeout, a connection error), and the
-- pending deliveries of a subscription in commit order: what the delivery workers claim from and what the
-- oldest-pending gauge reads, without walking the delivered rows kept until retention.
alter table webhook_delivery add column last_error varchar(200);
create index ix_webhook_delivery_pending on webhook_delivery (subscription_id, event_seq) where status = 'pending';
