package com.usercenter.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator sees of deliveries in {@code /actuator/prometheus}: attempts by
 * result, and the age of the oldest pending delivery of each subscription (growing for a
 * subscriber that is down, 0 for one that keeps up) and of all together.
 */
class WebhookMetricsIntegrationTest extends WebhookTestBase {

	@Autowired
	private WebhookMetrics metrics;

	@Test
	void deliveriesAreCountedByResultAndTheOldestPendingAgeIsGaugedPerSubscription() throws Exception {
		try (Receiver receiver = Receiver.start()) {
			receiver.answer("/down", (n) -> Receiver.Reply.status(503));
			Created healthy = subscribe(receiver.url("/up"), List.of("*"));
			Created down = subscribe(receiver.url("/down"), List.of("*"));

			record(EventType.USER_DISABLED, someUserId(), Map.of());

			await("both attempted", Duration.ofSeconds(10),
					() -> !receiver.to("/up").isEmpty() && !receiver.to("/down").isEmpty());
			Thread.sleep(1500);
			this.metrics.refresh();
			String scrape = api().get("/actuator/prometheus", adminToken()).text();

			assertThat(scrape).containsPattern("usercenter_webhook_deliveries_total\\{result=\"delivered\"} [1-9]")
				.containsPattern("usercenter_webhook_deliveries_total\\{result=\"retry\"} [1-9]")
				.containsPattern("usercenter_webhook_deliveries_total\\{result=\"failed\"} ");
			assertThat(age(scrape, "webhook", Long.toString(healthy.id()))).isZero();
			assertThat(age(scrape, "webhook", Long.toString(down.id()))).isGreaterThanOrEqualTo(1.0);
			assertThat(age(scrape, "all", "all"))
				.isGreaterThanOrEqualTo(age(scrape, "webhook", Long.toString(down.id())));
		}
	}

	private static double age(String scrape, String kind, String subscription) {
		Matcher matcher = Pattern
			.compile("usercenter_webhook_oldest_pending_seconds\\{kind=\"" + kind + "\",subscription=\"" + subscription
					+ "\"} ([0-9.E+-]+)")
			.matcher(scrape);
		assertThat(matcher.find()).as("the gauge of subscription " + subscription).isTrue();
		return Double.parseDouble(matcher.group(1));
	}

}
