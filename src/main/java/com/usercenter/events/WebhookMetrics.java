package com.usercenter.events;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * What an operator watches of the deliveries: attempts by result
 * ({@code usercenter_webhook_deliveries_total{result="delivered"|"retry"|"failed"}}) and,
 * per subscription, the age of its oldest pending delivery
 * ({@code usercenter_webhook_oldest_pending_seconds{subscription,kind}}: 0 when nothing
 * waits; one that keeps growing is a subscriber down or too slow, the thing to alert on).
 * The gauge is read from the database every 15 s, by every instance alike.
 */
@Component
class WebhookMetrics {

	/** The row of every subscription together: the oldest pending delivery of any. */
	private static final Tags ALL = Tags.of("subscription", "all", "kind", "all");

	private final Counter delivered;

	private final Counter retry;

	private final Counter failed;

	private final MultiGauge oldestPending;

	private final JdbcClient jdbc;

	private final Clock clock;

	WebhookMetrics(MeterRegistry registry, JdbcClient jdbc, Clock clock) {
		this.delivered = counter(registry, "delivered");
		this.retry = counter(registry, "retry");
		this.failed = counter(registry, "failed");
		this.oldestPending = MultiGauge.builder("usercenter.webhook.oldest.pending")
			.description("Age of the oldest pending delivery of each subscription (0 when none)")
			.baseUnit("seconds")
			.register(registry);
		this.jdbc = jdbc;
		this.clock = clock;
		// present from the start, subscriptions or not, so a dashboard and an alert
		// always
		// find the series
		this.oldestPending.register(List.of(MultiGauge.Row.of(ALL, 0)), true);
	}

	private static Counter counter(MeterRegistry registry, String result) {
		return Counter.builder("usercenter.webhook.deliveries")
			.description("Webhook delivery attempts by result: delivered, retry (failed, tried again later), "
					+ "failed (after the last retry)")
			.tag("result", result)
			.register(registry);
	}

	void delivered() {
		this.delivered.increment();
	}

	void retry() {
		this.retry.increment();
	}

	void failed() {
		this.failed.increment();
	}

	@Scheduled(fixedDelayString = "PT15S", initialDelayString = "PT15S")
	void refresh() {
		long now = this.clock.millis();
		List<Age> ages = this.jdbc.sql("""
				select s.id, s.kind, (
				  select e.occurred_at from webhook_delivery d join event_outbox e on e.seq = d.event_seq
				  where d.subscription_id = s.id and d.status = 'pending' order by d.event_seq limit 1) as oldest
				from webhook_subscription s""").query((rs, row) -> {
			java.sql.Timestamp oldest = rs.getTimestamp("oldest");
			double age = (oldest != null) ? Math.max(0, now - oldest.getTime()) / 1000.0 : 0;
			return new Age(Tags.of("subscription", Long.toString(rs.getLong("id")), "kind", rs.getString("kind")), age);
		}).list();
		List<MultiGauge.Row<?>> rows = new ArrayList<>();
		ages.forEach((age) -> rows.add(MultiGauge.Row.of(age.tags(), age.seconds())));
		rows.add(MultiGauge.Row.of(ALL, ages.stream().mapToDouble(Age::seconds).max().orElse(0)));
		this.oldestPending.register(rows, true);
	}

	private record Age(Tags tags, double seconds) {
	}

}
