package com.usercenter.events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.usercenter.support.Api;
import com.usercenter.support.TenantClient;
import com.usercenter.support.TestClock;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deliveries over real HTTP to a receiver in the test (contract 9.1): Standard Webhooks
 * signatures checked by an implementation of the test's own, the same id on every retry,
 * {@code failed} after the last, replay, no redirect followed, commit order per user,
 * nothing from a rolled-back change, tenant scoping both ways, rotation, and a hanging
 * subscriber that delays only itself. The test contexts retry after 1 s, 1 s, 1 s.
 */
class WebhookDeliveryIntegrationTest extends WebhookTestBase {

	private Receiver receiver;

	@BeforeEach
	void startTheReceiver() throws Exception {
		this.receiver = Receiver.start();
	}

	@AfterEach
	void stopTheReceiver() {
		this.receiver.close();
	}

	@Test
	void aDeliveryIsAStandardWebhookWithAValidSignature() {
		Created subscription = subscribe(this.receiver.url("/signed"), List.of("user.updated"));
		long user = someUserId();

		record(EventType.USER_UPDATED, user, Map.of("fields", List.of("nickname", "birthday")));
		record(EventType.USER_ERASED, user, Map.of());

		await("the delivery", Duration.ofSeconds(10), () -> !this.receiver.to("/signed").isEmpty());
		Receiver.Request request = this.receiver.to("/signed").get(0);
		String eventId = eventId(user, EventType.USER_UPDATED);
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.header("content-type")).startsWith("application/json");
		assertThat(request.header("webhook-id")).isEqualTo(eventId);
		assertThat(Long.parseLong(request.header("webhook-timestamp"))).isBetween(TestClock.now().getEpochSecond() - 30,
				TestClock.now().getEpochSecond());
		assertThat(new StandardWebhooksVerifier(subscription.secret()).verify(request.header("webhook-id"),
				request.header("webhook-timestamp"), request.bodyText(), request.header("webhook-signature"),
				TestClock.now().getEpochSecond()))
			.isTrue();
		assertThat(request.header("webhook-signature")).startsWith("v1,").doesNotContain(" ");
		JsonNode body = request.json();
		assertThat(body.propertyNames()).containsExactly("type", "timestamp", "data");
		assertThat(body.path("type").asString()).isEqualTo("user.updated");
		Instant occurred = this.jdbc.sql("select occurred_at from event_outbox where id = ?::uuid")
			.param(eventId)
			.query(java.sql.Timestamp.class)
			.single()
			.toInstant();
		assertThat(Instant.parse(body.path("timestamp").asString()))
			.isEqualTo(occurred.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
		assertThat(body.path("data").path("userId").asLong()).isEqualTo(user);
		assertThat(body.path("data").path("fields").toString()).isEqualTo("[\"nickname\",\"birthday\"]");
		assertThat(body.path("data").has("associatedId")).isFalse();
		// user.erased is not among its events: never sent
		assertThat(this.receiver.to("/signed")).hasSize(1);
		assertThat(this.jdbc.sql("select count(*) from webhook_delivery where subscription_id = ?")
			.param(subscription.id())
			.query(Long.class)
			.single()).isEqualTo(1);
		await("recorded as delivered", Duration.ofSeconds(5), () -> "delivered"
			.equals(deliveries(subscription.id(), "").path("content").get(0).path("status").asString()));
		JsonNode delivery = deliveries(subscription.id(), "").path("content").get(0);
		assertThat(delivery.path("eventId").asString()).isEqualTo(eventId);
		assertThat(delivery.path("type").asString()).isEqualTo("user.updated");
		assertThat(delivery.path("userId").asLong()).isEqualTo(user);
		assertThat(delivery.path("attempts").asInt()).isEqualTo(1);
		assertThat(delivery.path("lastStatus").asInt()).isEqualTo(200);
		assertThat(delivery.path("lastAttemptAt").asLong()).isPositive();
		assertThat(delivery.path("nextAttemptAt").isNull()).isTrue();
	}

	@Test
	void aFailedAttemptIsRetriedWithTheSameIdUntilA2xx() {
		this.receiver.answer("/flaky", (n) -> (n <= 2) ? Receiver.Reply.status(503) : Receiver.Reply.ok());
		Created subscription = subscribe(this.receiver.url("/flaky"), List.of("*"));
		long user = someUserId();

		record(EventType.USER_DISABLED, user, Map.of());

		await("three attempts", Duration.ofSeconds(15), () -> this.receiver.to("/flaky").size() >= 3);
		List<Receiver.Request> attempts = this.receiver.to("/flaky");
		assertThat(attempts).extracting((request) -> request.header("webhook-id"))
			.containsOnly(eventId(user, EventType.USER_DISABLED));
		StandardWebhooksVerifier verifier = new StandardWebhooksVerifier(subscription.secret());
		assertThat(attempts)
			.allMatch((request) -> verifier.verify(request.header("webhook-id"), request.header("webhook-timestamp"),
					request.bodyText(), request.header("webhook-signature"), TestClock.now().getEpochSecond()));
		assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at()))
			.isGreaterThanOrEqualTo(Duration.ofMillis(900));
		await("delivered", Duration.ofSeconds(5), () -> "delivered"
			.equals(deliveries(subscription.id(), "").path("content").get(0).path("status").asString()));
		JsonNode delivery = deliveries(subscription.id(), "").path("content").get(0);
		assertThat(delivery.path("attempts").asInt()).isEqualTo(3);
		assertThat(delivery.path("lastStatus").asInt()).isEqualTo(200);
		assertThat(this.receiver.to("/flaky")).hasSize(3);
	}

	@Test
	void aDeliveryIsFailedAfterTheLastRetryAndTheRetryEndpointSendsItAgain() throws Exception {
		this.receiver.answer("/down", (n) -> (n <= 4) ? Receiver.Reply.status(500) : Receiver.Reply.ok());
		Created subscription = subscribe(this.receiver.url("/down"), List.of("*"));
		long user = someUserId();
		record(EventType.USER_ENABLED, user, Map.of());
		String eventId = eventId(user, EventType.USER_ENABLED);

		await("failed", Duration.ofSeconds(20),
				() -> deliveries(subscription.id(), "?status=failed").path("totalElements").asInt() == 1);
		Thread.sleep(1500);

		assertThat(this.receiver.to("/down")).hasSize(4);
		JsonNode failed = deliveries(subscription.id(), "?status=failed").path("content").get(0);
		assertThat(failed.path("eventId").asString()).isEqualTo(eventId);
		assertThat(failed.path("attempts").asInt()).isEqualTo(4);
		assertThat(failed.path("lastStatus").asInt()).isEqualTo(500);
		assertThat(failed.path("lastError").asString()).isEqualTo("answered 500");
		assertThat(failed.path("nextAttemptAt").isNull()).isTrue();
		assertThat(deliveries(subscription.id(), "?status=pending").path("totalElements").asInt()).isZero();

		Api.Answer retried = api().post(WEBHOOKS + "/" + subscription.id() + "/deliveries/" + eventId + "/retry", null,
				adminToken());

		assertThat(retried.code()).as(retried.toString()).isEqualTo(200);
		await("sent again", Duration.ofSeconds(5), () -> this.receiver.to("/down").size() == 5);
		assertThat(this.receiver.to("/down").get(4).header("webhook-id")).isEqualTo(eventId);
		await("delivered", Duration.ofSeconds(5),
				() -> deliveries(subscription.id(), "?status=delivered").path("totalElements").asInt() == 1);

		// delivered, and sent once more on request all the same
		api().post(WEBHOOKS + "/" + subscription.id() + "/deliveries/" + eventId + "/retry", null, adminToken());

		await("sent a third time", Duration.ofSeconds(5), () -> this.receiver.to("/down").size() == 6);
	}

	@Test
	void theDeliveriesListIsAPage() {
		Created subscription = subscribe(this.receiver.url("/paged"), List.of("*"));
		long user = someUserId();
		for (int i = 0; i < 3; i++) {
			record(EventType.USER_UPDATED, user, Map.of("fields", List.of("f" + i)));
		}
		await("three deliveries", Duration.ofSeconds(10), () -> this.receiver.to("/paged").size() == 3);
		await("recorded", Duration.ofSeconds(5),
				() -> deliveries(subscription.id(), "?status=delivered").path("totalElements").asInt() == 3);

		JsonNode page = deliveries(subscription.id(), "?status=delivered&page=1&size=2");

		assertThat(page.propertyNames()).contains("content", "number", "size", "totalElements", "totalPages", "first",
				"last", "numberOfElements");
		assertThat(page.path("number").asInt()).isEqualTo(1);
		assertThat(page.path("size").asInt()).isEqualTo(2);
		assertThat(page.path("totalPages").asInt()).isEqualTo(2);
		assertThat(page.path("numberOfElements").asInt()).isEqualTo(1);
		assertThat(page.path("last").asBoolean()).isTrue();
		assertThat(page.path("content").get(0).propertyNames()).contains("eventId", "type", "userId", "status",
				"attempts", "lastStatus", "lastAttemptAt", "nextAttemptAt");
		// newest first: the oldest is last
		assertThat(page.path("content").get(0).path("eventId").asString())
			.isEqualTo(this.receiver.to("/paged").get(0).header("webhook-id"));
	}

	@Test
	void aRedirectIsAFailureAndIsNotFollowed() {
		this.receiver.answer("/moved", (n) -> Receiver.Reply.redirect(this.receiver.url("/internal")));
		Created subscription = subscribe(this.receiver.url("/moved"), List.of("*"));

		record(EventType.USER_DISABLED, someUserId(), Map.of());

		await("the attempt recorded", Duration.ofSeconds(10),
				() -> deliveries(subscription.id(), "").path("content").get(0).path("lastStatus").asInt() == 302);
		JsonNode delivery = deliveries(subscription.id(), "").path("content").get(0);
		assertThat(delivery.path("status").asString()).isEqualTo("pending");
		assertThat(delivery.path("lastError").asString()).isEqualTo("answered 302");
		assertThat(this.receiver.to("/internal")).isEmpty();
	}

	@Test
	void aHundredQuickChangesOfOneUserArriveInCommitOrder() {
		// a few failures on the way: what comes after waits for the retry
		this.receiver.answer("/ordered",
				(n) -> (n == 10 || n == 40 || n == 41 || n == 77) ? Receiver.Reply.status(500) : Receiver.Reply.ok());
		subscribe(this.receiver.url("/ordered"), List.of("user.updated"));
		long user = someUserId();
		long other = someUserId();

		for (int i = 0; i < 100; i++) {
			record(EventType.USER_UPDATED, user, Map.of("fields", List.of("f" + i)));
			if (i % 10 == 0) {
				record(EventType.USER_UPDATED, other, Map.of("fields", List.of("g" + i)));
			}
		}

		await("every change delivered", Duration.ofSeconds(60), () -> delivered("/ordered", user).size() == 100);
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			expected.add("f" + i);
		}
		assertThat(delivered("/ordered", user)).containsExactlyElementsOf(expected);
	}

	@Test
	void aChangeRolledBackSendsNothing() throws Exception {
		subscribe(this.receiver.url("/rolled-back"), List.of("*"));
		long user = someUserId();

		this.transactions.executeWithoutResult((status) -> {
			this.events.record(EventType.USER_DISABLED, user);
			status.setRollbackOnly();
		});
		record(EventType.USER_ENABLED, someUserId(), Map.of());

		await("the other event", Duration.ofSeconds(10), () -> !this.receiver.to("/rolled-back").isEmpty());
		Thread.sleep(500);
		assertThat(this.jdbc.sql("select count(*) from event_outbox where user_id = ?")
			.param(user)
			.query(Long.class)
			.single()).isZero();
		assertThat(this.receiver.to("/rolled-back"))
			.noneMatch((request) -> request.json().path("data").path("userId").asLong() == user);
	}

	@Test
	void aTenantSubscriptionHearsOnlyOfTheUsersItMapsWithTheirAssociatedId() {
		TenantClient a = newTenant();
		TenantClient b = newTenant();
		long ofA = tenantLogin(a, "a-" + unique());
		long ofB = tenantLogin(b, "b-" + unique());
		long ofNone = someUserId();
		String associatedOfA = this.jdbc.sql("select associated_id from tenant_account where user_id = ?")
			.param(ofA)
			.query(String.class)
			.single();
		subscribe(this.receiver.url("/tenant-a"), List.of("*"), a.key());
		subscribe(this.receiver.url("/tenant-b"), List.of("*"), b.key());
		subscribe(this.receiver.url("/everyone"), List.of("user.updated", "user.erased"));

		for (long user : List.of(ofA, ofB, ofNone)) {
			record(EventType.USER_UPDATED, user, Map.of("fields", List.of("nickname")));
		}
		// as erasure does: the event first, then the mapping goes, in one transaction
		this.transactions.executeWithoutResult((status) -> {
			this.events.record(EventType.USER_ERASED, ofA);
			this.jdbc.sql("delete from tenant_account where user_id = ?").param(ofA).update();
		});

		await("every delivery", Duration.ofSeconds(15), () -> this.receiver.to("/everyone").size() == 4
				&& this.receiver.to("/tenant-a").size() == 2 && !this.receiver.to("/tenant-b").isEmpty());
		assertThat(this.receiver.to("/tenant-a"))
			.allMatch((request) -> request.json().path("data").path("userId").asLong() == ofA
					&& associatedOfA.equals(request.json().path("data").path("associatedId").asString()));
		assertThat(this.receiver.to("/tenant-a")).extracting((request) -> request.json().path("type").asString())
			.containsExactly("user.updated", "user.erased");
		assertThat(this.receiver.to("/tenant-b"))
			.allMatch((request) -> request.json().path("data").path("userId").asLong() == ofB
					&& request.json().path("data").path("associatedId").asString().startsWith("b-"));
		assertThat(this.receiver.to("/everyone"))
			.extracting((request) -> request.json().path("data").path("userId").asLong())
			.containsExactlyInAnyOrder(ofA, ofB, ofNone, ofA);
		assertThat(this.receiver.to("/everyone"))
			.noneMatch((request) -> request.json().path("data").has("associatedId"));
	}

	@Test
	void aRotatedSecretSignsBesideTheNewOneFor24Hours() {
		Created subscription = subscribe(this.receiver.url("/rotated"), List.of("*"));
		String fresh = api().post(WEBHOOKS + "/" + subscription.id() + "/secret", null, adminToken())
			.data()
			.path("secret")
			.asString();

		record(EventType.USER_DISABLED, someUserId(), Map.of());

		await("the first delivery", Duration.ofSeconds(10), () -> this.receiver.to("/rotated").size() == 1);
		Receiver.Request during = this.receiver.to("/rotated").get(0);
		assertThat(during.header("webhook-signature").split(" ")).hasSize(2);
		assertThat(verifies(subscription.secret(), during)).isTrue();
		assertThat(verifies(fresh, during)).isTrue();

		TestClock.advance(Duration.ofHours(24).plusMinutes(1));
		record(EventType.USER_ENABLED, someUserId(), Map.of());

		await("the second delivery", Duration.ofSeconds(10), () -> this.receiver.to("/rotated").size() == 2);
		Receiver.Request after = this.receiver.to("/rotated").get(1);
		assertThat(after.header("webhook-signature").split(" ")).hasSize(1);
		assertThat(verifies(fresh, after)).isTrue();
		assertThat(verifies(subscription.secret(), after)).isFalse();
		assertThat(
				api().get(WEBHOOKS + "/" + subscription.id(), adminToken()).data().path("previousSecretUntil").isNull())
			.isTrue();
	}

	@Test
	void aHangingSubscriberDelaysOnlyItself() {
		this.receiver.answer("/hook-0", (n) -> Receiver.Reply.after(12_000, 200));
		List<Long> subscriptions = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			subscriptions.add(subscribe(this.receiver.url("/hook-" + i), List.of("user.updated")).id());
		}
		String token = newUserToken();

		long start = System.nanoTime();
		for (int i = 0; i < 3; i++) {
			record(EventType.USER_UPDATED, someUserId(), Map.of("fields", List.of("nickname")));
		}

		await("the 49 others' deliveries", Duration.ofSeconds(8),
				() -> this.receiver.all().stream().filter((request) -> !request.path().equals("/hook-0")).count() >= 49
						* 3);
		Duration others = Duration.ofNanos(System.nanoTime() - start);
		long beforeRequest = System.nanoTime();
		Api.Answer me = api().get("/api/v1/users/me", token);
		Duration request = Duration.ofNanos(System.nanoTime() - beforeRequest);

		assertThat(others).isLessThan(Duration.ofSeconds(8));
		assertThat(me.code()).isEqualTo(200);
		assertThat(request).isLessThan(Duration.ofSeconds(2));
		// the hanging one is still waiting for its answers, none recorded as delivered
		assertThat(deliveries(subscriptions.get(0), "?status=delivered").path("totalElements").asInt()).isZero();
		assertThat(this.receiver.to("/hook-0")).isNotEmpty();
	}

	private boolean verifies(String secret, Receiver.Request request) {
		return new StandardWebhooksVerifier(secret).verify(request.header("webhook-id"),
				request.header("webhook-timestamp"), request.bodyText(), request.header("webhook-signature"),
				TestClock.now().getEpochSecond());
	}

	/**
	 * The first field names of the user's events this path accepted, in arrival order.
	 */
	private List<String> delivered(String path, long user) {
		Set<Integer> refused = Set.of(10, 40, 41, 77);
		return this.receiver.to(path)
			.stream()
			.filter((request) -> !refused.contains(request.n()))
			.filter((request) -> request.json().path("data").path("userId").asLong() == user)
			.map((request) -> request.json().path("data").path("fields").get(0).asString())
			.collect(Collectors.toList());
	}

	private long tenantLogin(TenantClient tenant, String associatedId) {
		Api.Answer login = tenant.post("/sessions-rest/associatedBusiness/loginTenant",
				Map.of("associatedId", associatedId));
		assertThat(login.code()).as(login.toString()).isEqualTo(200);
		return login.data().path("userId").asLong();
	}

}
