package com.usercenter.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.usercenter.UserCenterApplication;
import com.usercenter.support.InstanceProcess;
import com.usercenter.support.TestClock;
import com.usercenter.support.TestDatabase;
import com.usercenter.support.TestSecrets;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delivery workers of several instances on one outbox: two delivering at once send each
 * event once and lose none, in order per user; an event committed while no worker runs is
 * delivered by another instance; and a delivery whose instance is killed mid-send
 * (SIGKILL) is sent again, with the same id, once its lease is over.
 */
class WebhookInstancesIntegrationTest extends WebhookTestBase {

	private static ConfigurableApplicationContext second;

	@Autowired
	private DeliveryDispatcher dispatcher;

	@Autowired
	private MeterRegistry meters;

	private Receiver receiver;

	@BeforeEach
	void startTheSecondInstanceAndTheReceiver() throws Exception {
		this.receiver = Receiver.start();
		if (second == null) {
			TestDatabase.Coordinates db = TestDatabase.get();
			second = new SpringApplicationBuilder(UserCenterApplication.class, TestClock.Config.class).run(
					"--server.port=0", "--spring.datasource.url=" + db.url(),
					"--spring.datasource.username=" + db.username(), "--spring.datasource.password=" + db.password(),
					"--spring.datasource.hikari.maximum-pool-size=5",
					"--usercenter.crypto.master-key=" + TestSecrets.masterKey(), "--logging.structured.format.console=",
					"--usercenter.token.issuer=http://localhost:" + this.port,
					"--usercenter.webhooks.allow-insecure-targets=true", "--usercenter.webhooks.retry-delays=1s,1s,1s",
					"--usercenter.webhooks.poll-interval=200ms");
		}
	}

	@AfterEach
	void stopTheReceiverAndRestartTheWorkers() {
		this.receiver.close();
		if (!this.dispatcher.isRunning()) {
			this.dispatcher.start();
		}
		DeliveryDispatcher other = second.getBean(DeliveryDispatcher.class);
		if (!other.isRunning()) {
			other.start();
		}
	}

	@AfterAll
	static void stopTheSecondInstance() {
		if (second != null) {
			second.close();
			second = null;
		}
	}

	@Test
	void twoInstancesDeliverEveryEventOnceInOrderAndLoseNone() throws Exception {
		this.receiver.answer("/both", (n) -> Receiver.Reply.after(20, 200));
		subscribe(this.receiver.url("/both"), List.of("user.updated"));
		double hereBefore = delivered(this.meters);
		double thereBefore = delivered(second.getBean(MeterRegistry.class));
		List<Long> users = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			users.add(someUserId());
		}

		// recorded from two threads at once, ten changes of each user
		List<CompletableFuture<Void>> writers = new ArrayList<>();
		for (int half = 0; half < 2; half++) {
			List<Long> mine = users.subList(half * 10, half * 10 + 10);
			writers.add(CompletableFuture.runAsync(() -> {
				for (int i = 0; i < 10; i++) {
					for (long user : mine) {
						record(EventType.USER_UPDATED, user, Map.of("fields", List.of("f" + i)));
					}
				}
			}));
		}
		CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get();

		await("200 deliveries", Duration.ofSeconds(60), () -> this.receiver.to("/both").size() >= 200);
		Thread.sleep(1000);
		List<Receiver.Request> requests = this.receiver.to("/both");
		assertThat(requests).hasSize(200);
		assertThat(requests.stream().map((request) -> request.header("webhook-id")).distinct()).hasSize(200);
		Map<Long, List<String>> byUser = new HashMap<>();
		for (Receiver.Request request : requests) {
			byUser.computeIfAbsent(request.json().path("data").path("userId").asLong(), (user) -> new ArrayList<>())
				.add(request.json().path("data").path("fields").get(0).asString());
		}
		for (long user : users) {
			assertThat(byUser.get(user)).as("user " + user)
				.containsExactly("f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9");
		}
		await("every result recorded", Duration.ofSeconds(5), () -> delivered(this.meters) - hereBefore
				+ delivered(second.getBean(MeterRegistry.class)) - thereBefore >= 200);
		assertThat(delivered(this.meters) - hereBefore).as("delivered by this instance").isPositive();
		assertThat(delivered(second.getBean(MeterRegistry.class)) - thereBefore).as("delivered by the other")
			.isPositive();
	}

	@Test
	void anEventCommittedWhileNoWorkerRunsIsDeliveredByAnotherInstance() throws Exception {
		DeliveryDispatcher other = second.getBean(DeliveryDispatcher.class);
		this.dispatcher.stop();
		other.stop();
		subscribe(this.receiver.url("/later"), List.of("*"));
		long user = someUserId();

		// committed, and this instance's worker is gone (as if it died right after)
		record(EventType.USER_DISABLED, user, Map.of());
		Thread.sleep(1000);
		assertThat(this.receiver.to("/later")).isEmpty();

		other.start();

		await("delivered by the other instance", Duration.ofSeconds(10), () -> this.receiver.to("/later").size() == 1);
		assertThat(this.receiver.to("/later").get(0).header("webhook-id"))
			.isEqualTo(eventId(user, EventType.USER_DISABLED));
	}

	@Test
	void aDeliveryOfAnInstanceKilledMidSendIsSentAgainAfterItsLease() throws Exception {
		DeliveryDispatcher other = second.getBean(DeliveryDispatcher.class);
		this.dispatcher.stop();
		other.stop();
		this.receiver.answer("/killed", (n) -> (n == 1) ? Receiver.Reply.after(30_000, 200) : Receiver.Reply.ok());
		Created subscription = subscribe(this.receiver.url("/killed"), List.of("*"));
		long user = someUserId();
		record(EventType.USER_DISABLED, user, Map.of());
		// the process below has the real clock, which the tests' clock may be ahead of:
		// make
		// the delivery due by the database's time
		this.jdbc.sql("update webhook_delivery set next_attempt_at = now() where subscription_id = ?")
			.param(subscription.id())
			.update();

		try (InstanceProcess doomed = InstanceProcess.start("webhooks-killed",
				List.of("--usercenter.webhooks.allow-insecure-targets=true", "--usercenter.webhooks.lease=8s",
						"--usercenter.webhooks.deadline=3s", "--usercenter.webhooks.poll-interval=200ms"))) {
			await("the doomed instance's send", Duration.ofSeconds(30), () -> this.receiver.to("/killed").size() == 1);
			doomed.kill();
			assertThat(doomed.awaitExit(Duration.ofSeconds(10))).isNotEqualTo(-1);
		}
		Map<String, Object> leased = new LinkedHashMap<>(this.jdbc.sql(
				"select status, attempts, lease_until is not null as leased from webhook_delivery where subscription_id = ?")
			.param(subscription.id())
			.query()
			.singleRow());
		assertThat(leased).containsEntry("status", "pending")
			.containsEntry("attempts", 0)
			.containsEntry("leased", true);

		this.dispatcher.start();

		await("sent again", Duration.ofSeconds(30), () -> this.receiver.to("/killed").size() == 2);
		assertThat(this.receiver.to("/killed").get(1).header("webhook-id"))
			.isEqualTo(this.receiver.to("/killed").get(0).header("webhook-id"));
		await("delivered", Duration.ofSeconds(5),
				() -> deliveries(subscription.id(), "?status=delivered").path("totalElements").asInt() == 1);
	}

	private static double delivered(MeterRegistry registry) {
		var counter = registry.find("usercenter.webhook.deliveries").tag("result", "delivered").counter();
		return (counter != null) ? counter.count() : 0;
	}

}
