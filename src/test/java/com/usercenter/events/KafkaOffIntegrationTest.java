package com.usercenter.events;

import java.sql.Timestamp;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.usercenter.support.ApiTestBase;
import com.usercenter.support.TestClock;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The suite's service has no {@code usercenter.events.kafka.bootstrap-servers}: nothing
 * of Kafka runs (no relay, no producer thread), no delivery is kept for Kafka, and a
 * {@code kafka} subscription left from a time Kafka was configured is disabled at
 * start-up.
 */
class KafkaOffIntegrationTest extends ApiTestBase {

	@Autowired
	private KafkaRelay relay;

	@Autowired
	private Events events;

	@Autowired
	private PlatformTransactionManager transactions;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void withoutBootstrapServersNothingOfKafkaRunsAndNoDeliveryIsKeptForIt() {
		long user = ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE / 2);
		new TransactionTemplate(this.transactions)
			.executeWithoutResult((status) -> this.events.record(EventType.USER_UPDATED, user, Map.of()));

		assertThat(this.relay.producing()).isFalse();
		assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
			.noneMatch((name) -> name.startsWith("usercenter-kafka-relay")
					|| name.startsWith("kafka-producer-network-thread"));
		assertThat(this.jdbc.sql("select count(*) from webhook_subscription where kind = 'kafka' and status = 'active'")
			.query(Long.class)
			.single()).isZero();
		assertThat(this.jdbc.sql("""
				select count(*) from webhook_delivery d join webhook_subscription s on s.id = d.subscription_id
				where s.kind = 'kafka' and d.user_id = ?""").param(user).query(Long.class).single()).isZero();
	}

	@Test
	void aKafkaSubscriptionLeftActiveIsDisabledAtStartUpAndGetsNoMoreEvents() {
		Timestamp now = Timestamp.from(TestClock.now());
		this.jdbc.sql("""
				insert into webhook_subscription (kind, url, events, status, created_at, updated_at)
				values ('kafka', 'kafka:left.over', '{*}', 'active', ?, ?)
				on conflict (kind) where kind = 'kafka' do update set status = 'active'""").params(now, now).update();

		// what the service does at start-up
		this.relay.stop();
		this.relay.start();

		assertThat(this.jdbc.sql("select status from webhook_subscription where kind = 'kafka'")
			.query(String.class)
			.single()).isEqualTo("disabled");
		long user = ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE / 2);
		new TransactionTemplate(this.transactions)
			.executeWithoutResult((status) -> this.events.record(EventType.USER_ENABLED, user));
		assertThat(this.jdbc.sql("""
				select count(*) from webhook_delivery d join webhook_subscription s on s.id = d.subscription_id
				where s.kind = 'kafka' and d.user_id = ?""").param(user).query(Long.class).single()).isZero();
		assertThat(this.relay.producing()).isFalse();
	}

}
