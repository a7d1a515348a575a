package com.usercenter.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

import com.usercenter.support.Api;
import com.usercenter.support.ApiTestBase;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What webhook tests share: subscriptions made through the admin API (deleted again after
 * each test, so later tests' events do not go to receivers that are gone), events
 * recorded as the modules record them ({@link Events#record} in a transaction), and
 * waiting for what happens asynchronously.
 */
abstract class WebhookTestBase extends ApiTestBase {

	static final String WEBHOOKS = "/api/v1/admin/webhooks";

	@Autowired
	protected Events events;

	@Autowired
	protected TransactionTemplate transactions;

	@Autowired
	protected JdbcClient jdbc;

	private final List<Long> made = new ArrayList<>();

	@AfterEach
	void deleteTheSubscriptionsOfTheTest() {
		for (long id : this.made) {
			api().send(Api.Call.of("DELETE", WEBHOOKS + "/" + id).bearer(adminToken()));
		}
		this.made.clear();
	}

	/** A subscription: its id and secret. */
	protected Created subscribe(String url, List<String> events) {
		return subscribe(url, events, null);
	}

	protected Created subscribe(String url, List<String> events, String tenantKey) {
		Map<String, Object> body = new HashMap<>();
		body.put("url", url);
		body.put("events", events);
		if (tenantKey != null) {
			body.put("tenantKey", tenantKey);
		}
		Api.Answer created = api().post(WEBHOOKS, body, adminToken());
		assertThat(created.code()).as(created.toString()).isEqualTo(200);
		Created subscription = new Created(created.data().path("id").asLong(),
				created.data().path("secret").asString());
		this.made.add(subscription.id());
		return subscription;
	}

	/** Records an event as a module does: in the transaction of its change. */
	protected void record(EventType type, long userId, Map<String, ?> data) {
		this.transactions.executeWithoutResult((status) -> this.events.record(type, userId, data));
	}

	/** A user id no other test uses (events need no account of that id). */
	protected static long someUserId() {
		return 900_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);
	}

	protected JsonNode deliveries(long subscription, String query) {
		Api.Answer page = api().get(WEBHOOKS + "/" + subscription + "/deliveries" + query, adminToken());
		assertThat(page.code()).as(page.toString()).isEqualTo(200);
		return page.data();
	}

	/** The event id of the user's event of this type. */
	protected String eventId(long userId, EventType type) {
		return this.jdbc
			.sql("select id::text from event_outbox where user_id = ? and type = ? order by seq desc limit 1")
			.params(userId, type.wireName())
			.query(String.class)
			.single();
	}

	protected static void await(String what, Duration within, BooleanSupplier condition) {
		long deadline = System.nanoTime() + within.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Not within " + within + ": " + what);
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}

	record Created(long id, String secret) {
	}

}
