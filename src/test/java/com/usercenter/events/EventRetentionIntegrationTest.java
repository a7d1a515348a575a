package com.usercenter.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.usercenter.support.Api;
import com.usercenter.support.TestClock;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events past {@code usercenter.events.retention} (7 days) go once every delivery of
 * theirs is done, with those deliveries; one still pending stays however old; one sweep
 * at a time across instances.
 */
class EventRetentionIntegrationTest extends WebhookTestBase {

	@Autowired
	private EventRetention retention;

	@Autowired
	private DataSource dataSource;

	@Test
	void oldEventsWhoseDeliveriesAreDoneAreDeletedAndPendingOnesKept() {
		Created subscription = subscribe("https://hooks.example.com/retention", List.of("*"));
		api().patch(WEBHOOKS + "/" + subscription.id(), Map.of("status", "disabled"), adminToken());
		long delivered = event(8, subscription.id(), "delivered");
		long failed = event(8, subscription.id(), "failed");
		long pending = event(30, subscription.id(), "pending");
		long alone = event(8, null, null);
		long recent = event(6, subscription.id(), "delivered");

		int deleted = this.retention.sweep();

		assertThat(deleted).isGreaterThanOrEqualTo(3);
		assertThat(exists(delivered)).isFalse();
		assertThat(exists(failed)).isFalse();
		assertThat(exists(alone)).isFalse();
		assertThat(exists(pending)).isTrue();
		assertThat(exists(recent)).isTrue();
		assertThat(this.jdbc.sql("select count(*) from webhook_delivery where event_seq in (?, ?)")
			.params(delivered, failed)
			.query(Long.class)
			.single()).isZero();
		Api.Answer page = api().get(WEBHOOKS + "/" + subscription.id() + "/deliveries", adminToken());
		assertThat(page.data().path("totalElements").asInt()).isEqualTo(2);
	}

	@Test
	void aSweepWaitsForNoOneAndSkipsWhileAnotherInstanceSweeps() throws Exception {
		try (Connection other = this.dataSource.getConnection();
				PreparedStatement lock = other
					.prepareStatement("select pg_advisory_lock(hashtextextended('usercenter.events.retention', 0))")) {
			lock.execute();

			assertThat(this.retention.sweep()).isEqualTo(-1);

			try (PreparedStatement unlock = other
				.prepareStatement("select pg_advisory_unlock(hashtextextended('usercenter.events.retention', 0))")) {
				unlock.execute();
			}
		}
		assertThat(this.retention.sweep()).isGreaterThanOrEqualTo(0);
	}

	/**
	 * An event that happened {@code days} ago by the service's clock, with a delivery of
	 * that status, or none.
	 */
	private long event(int days, Long subscription, String status) {
		long seq = this.jdbc.sql("""
				insert into event_outbox (id, type, user_id, data, occurred_at)
				values (?, 'user.disabled', ?, '{}'::jsonb, ?) returning seq""")
			.params(UUID.randomUUID(), someUserId(), Timestamp.from(TestClock.now().minus(Duration.ofDays(days))))
			.query(Long.class)
			.single();
		if (subscription != null) {
			this.jdbc.sql("""
					insert into webhook_delivery (subscription_id, event_seq, user_id, status, next_attempt_at)
					values (?, ?, 1, ?, now())""").params(subscription, seq, status).update();
		}
		return seq;
	}

	private boolean exists(long seq) {
		return this.jdbc.sql("select count(*) from event_outbox where seq = ?")
			.param(seq)
			.query(Long.class)
			.single() == 1;
	}

}
