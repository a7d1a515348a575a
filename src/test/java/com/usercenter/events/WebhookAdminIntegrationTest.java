package com.usercenter.events;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.usercenter.secrets.SecretBox;
import com.usercenter.support.Api;
import com.usercenter.support.TenantClient;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API of webhook subscriptions (contract 9.1): made, listed, changed, deleted,
 * re-keyed; validation; secrets shown once and sealed at rest; the Kafka producer's own
 * subscription out of reach; every change audited.
 */
class WebhookAdminIntegrationTest extends WebhookTestBase {

	@Autowired
	private SecretBox box;

	@Test
	void aSubscriptionIsMadeListedChangedAndDeleted() {
		Created created = subscribe("https://hooks.example.com/a", List.of("user.erased", "user.created"));

		assertThat(created.secret()).startsWith("whsec_");
		assertThat(Base64.getDecoder().decode(created.secret().substring(6))).hasSize(32);
		JsonNode one = api().get(WEBHOOKS + "/" + created.id(), adminToken()).data();
		assertThat(one.path("url").asString()).isEqualTo("https://hooks.example.com/a");
		assertThat(one.path("events").toString()).isEqualTo("[\"user.erased\",\"user.created\"]");
		assertThat(one.path("status").asString()).isEqualTo("active");
		assertThat(one.path("tenantKey").isNull()).isTrue();
		assertThat(api().get(WEBHOOKS, adminToken()).data().findValues("id").stream().map(JsonNode::asLong))
			.contains(created.id());

		Api.Answer changed = api().patch(WEBHOOKS + "/" + created.id(),
				Map.of("url", "https://hooks.example.com/b", "events", List.of("*"), "status", "disabled"),
				adminToken());

		assertThat(changed.code()).as(changed.toString()).isEqualTo(200);
		assertThat(changed.data().path("url").asString()).isEqualTo("https://hooks.example.com/b");
		assertThat(changed.data().path("events").toString()).isEqualTo("[\"*\"]");
		assertThat(changed.data().path("status").asString()).isEqualTo("disabled");

		Api.Answer deleted = api().send(Api.Call.of("DELETE", WEBHOOKS + "/" + created.id()).bearer(adminToken()));

		assertThat(deleted.code()).isEqualTo(200);
		assertThat(deleted.json().path("data").isNull()).isTrue();
		assertThat(api().get(WEBHOOKS + "/" + created.id(), adminToken()).code()).isEqualTo(40400);
	}

	@Test
	void aTenantSubscriptionNamesItsTenant() {
		TenantClient tenant = newTenant();

		Created created = subscribe("https://partner.example.com/hook", List.of("*"), tenant.key());

		assertThat(api().get(WEBHOOKS + "/" + created.id(), adminToken()).data().path("tenantKey").asString())
			.isEqualTo(tenant.key());
	}

	@Test
	void theSecretIsShownOnlyWhenMadeAndIsSealedAtRest() {
		Created created = subscribe("https://hooks.example.com/sealed", List.of("*"));
		byte[] key = Base64.getDecoder().decode(created.secret().substring(6));

		String listed = api().get(WEBHOOKS, adminToken()).text()
				+ api().get(WEBHOOKS + "/" + created.id(), adminToken()).text();
		byte[] sealed = this.jdbc.sql("select secret_sealed from webhook_subscription where id = ?")
			.param(created.id())
			.query(byte[].class)
			.single();
		String row = this.jdbc.sql("select row_to_json(s)::text from webhook_subscription s where id = ?")
			.param(created.id())
			.query(String.class)
			.single();

		assertThat(listed).doesNotContain(created.secret()).doesNotContain("secret\"");
		assertThat(indexOf(sealed, key)).isEqualTo(-1);
		assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(created.secret().substring(6));
		assertThat(row).doesNotContain(created.secret().substring(6));
		assertThat(this.box.open("webhook-secret", sealed)).isEqualTo(key);
	}

	@Test
	void aRotationAnswersANewSecretOnce() {
		Created created = subscribe("https://hooks.example.com/rotate", List.of("*"));

		Api.Answer rotated = api().post(WEBHOOKS + "/" + created.id() + "/secret", null, adminToken());

		assertThat(rotated.code()).as(rotated.toString()).isEqualTo(200);
		assertThat(rotated.data().path("id").asLong()).isEqualTo(created.id());
		assertThat(rotated.data().path("secret").asString()).startsWith("whsec_").isNotEqualTo(created.secret());
		assertThat(api().get(WEBHOOKS + "/" + created.id(), adminToken()).data().path("previousSecretUntil").asLong())
			.isGreaterThan(System.currentTimeMillis() + 23 * 3600_000L);
	}

	static Stream<Arguments> invalidSubscriptions() {
		return Stream.of(Arguments.of(Map.of("events", List.of("*")), "url"),
				Arguments.of(Map.of("url", "https://hooks.example.com/x"), "events"),
				Arguments.of(Map.of("url", "https://hooks.example.com/x", "events", List.of()), "events"),
				Arguments.of(Map.of("url", "https://hooks.example.com/x", "events", List.of("user.nope")), "events"),
				Arguments.of(Map.of("url", "https://hooks.example.com/x", "events", List.of("USER.CREATED")), "events"),
				Arguments.of(Map.of("url", "ftp://hooks.example.com/x", "events", List.of("*")), "url"),
				Arguments.of(Map.of("url", "hooks.example.com/x", "events", List.of("*")), "url"),
				Arguments.of(Map.of("url", "https://user:pw@hooks.example.com/x", "events", List.of("*")), "url"),
				Arguments.of(
						Map.of("url", "https://hooks.example.com/x", "events", List.of("*"), "tenantKey", "tk_nobody"),
						"tenantKey"));
	}

	@ParameterizedTest
	@MethodSource("invalidSubscriptions")
	void anInvalidSubscriptionAnswers40000NamingTheField(Map<String, Object> body, String field) {
		Api.Answer answer = api().post(WEBHOOKS, body, adminToken());

		assertThat(answer.code()).as(answer.toString()).isEqualTo(40000);
		assertThat(answer.data().path("errors").findValuesAsString("field")).contains(field);
	}

	@Test
	void anInvalidChangeAnswers40000() {
		Created created = subscribe("https://hooks.example.com/change", List.of("*"));
		String path = WEBHOOKS + "/" + created.id();

		assertThat(api().patch(path, Map.of(), adminToken()).code()).isEqualTo(40000);
		assertThat(api().patch(path, Map.of("status", "paused"), adminToken()).code()).isEqualTo(40000);
		assertThat(api().patch(path, Map.of("events", List.of("user.nope")), adminToken()).code()).isEqualTo(40000);
		assertThat(api().patch(path, Map.of("url", "ftp://x.example.com"), adminToken()).code()).isEqualTo(40000);
		assertThat(api().get(WEBHOOKS + "/" + created.id() + "/deliveries?status=lost", adminToken()).code())
			.isEqualTo(40000);
	}

	@Test
	void unknownSubscriptionsAndEventsAnswer40400() {
		String path = WEBHOOKS + "/987654321";
		String token = adminToken();
		Created created = subscribe("https://hooks.example.com/unknown", List.of("*"));

		assertThat(api().get(path, token).code()).isEqualTo(40400);
		assertThat(api().patch(path, Map.of("status", "disabled"), token).code()).isEqualTo(40400);
		assertThat(api().send(Api.Call.of("DELETE", path).bearer(token)).code()).isEqualTo(40400);
		assertThat(api().post(path + "/secret", null, token).code()).isEqualTo(40400);
		assertThat(api().get(path + "/deliveries", token).code()).isEqualTo(40400);
		assertThat(api().post(path + "/deliveries/5f0c6a1e-8d2b-4c3e-9f7a-1b2c3d4e5f60/retry", null, token).code())
			.isEqualTo(40400);
		assertThat(api()
			.post(WEBHOOKS + "/" + created.id() + "/deliveries/5f0c6a1e-8d2b-4c3e-9f7a-1b2c3d4e5f60/retry", null, token)
			.code()).isEqualTo(40400);
	}

	@Test
	void theKafkaSubscriptionIsNeverListedNorChangedHere() {
		Long existing = this.jdbc.sql("select id from webhook_subscription where kind = 'kafka'")
			.query(Long.class)
			.optional()
			.orElse(null);
		long kafka = (existing != null) ? existing : this.jdbc.sql("""
				insert into webhook_subscription (kind, url, events, status, created_at, updated_at)
				values ('kafka', 'kafka:usercenter.user-events', array['*'], 'disabled', now(), now()) returning id""")
			.query(Long.class)
			.single();
		try {
			String path = WEBHOOKS + "/" + kafka;
			String token = adminToken();

			assertThat(api().get(WEBHOOKS, token).data().findValues("id").stream().map(JsonNode::asLong))
				.doesNotContain(kafka);
			assertThat(api().get(path, token).code()).isEqualTo(40400);
			assertThat(api().patch(path, Map.of("status", "active"), token).code()).isEqualTo(40400);
			assertThat(api().post(path + "/secret", null, token).code()).isEqualTo(40400);
			assertThat(api().get(path + "/deliveries", token).code()).isEqualTo(40400);
			assertThat(api().send(Api.Call.of("DELETE", path).bearer(token)).code()).isEqualTo(40400);
			assertThat(this.jdbc.sql("select count(*) from webhook_subscription where id = ?")
				.param(kafka)
				.query(Long.class)
				.single()).isEqualTo(1);
		}
		finally {
			if (existing == null) {
				this.jdbc.sql("delete from webhook_subscription where id = ?").param(kafka).update();
			}
		}
	}

	@Test
	void everyChangeIsAudited() {
		Created created = subscribe("https://hooks.example.com/audited", List.of("*"));
		api().patch(WEBHOOKS + "/" + created.id(), Map.of("status", "disabled"), adminToken());
		api().post(WEBHOOKS + "/" + created.id() + "/secret", null, adminToken());
		api().send(Api.Call.of("DELETE", WEBHOOKS + "/" + created.id()).bearer(adminToken()));

		List<String> details = api().get("/api/v1/admin/audit-events?type=admin_webhook_change&size=100", adminToken())
			.data()
			.path("content")
			.findValuesAsString("detail");

		String prefix = "webhook " + created.id() + " ";
		assertThat(details.stream().filter((detail) -> detail.startsWith(prefix)))
			.anyMatch((detail) -> detail.contains("created"))
			.anyMatch((detail) -> detail.contains("status disabled"))
			.anyMatch((detail) -> detail.contains("secret rotated"))
			.anyMatch((detail) -> detail.contains("deleted"))
			.noneMatch((detail) -> detail.contains(created.secret().substring(6)));
	}

	@Test
	void onlyAdminsManageWebhooks() {
		String user = newUserToken();
		Map<String, Object> body = new HashMap<>(Map.of("url", "https://hooks.example.com/x", "events", List.of("*")));

		assertThat(api().post(WEBHOOKS, body, user).code()).isEqualTo(40300);
		assertThat(api().get(WEBHOOKS, user).code()).isEqualTo(40300);
		assertThat(api().get(WEBHOOKS, null).code()).isEqualTo(40100);
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i + needle.length <= haystack.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
