/**
 * Events (contract 9.1): what changed about users, recorded in the transaction of the
 * change (a transactional outbox in PostgreSQL), and delivered at least once, in commit
 * order per user and subscription, to webhook subscribers (Standard Webhooks) and, when
 * configured, to Kafka.
 */
package com.usercenter.events;
