package com.usercenter.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.usercenter.support.Api;
import com.usercenter.support.Api.Call;
import com.usercenter.support.ApiTestBase;
import com.usercenter.support.TenantClient;
import com.usercenter.support.TestDeliveries;
import com.usercenter.support.TestImages;
import com.usercenter.support.TestClock;
import com.usercenter.support.TestSecrets;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event of contract 9.1 from its real trigger over HTTP, read from the outbox the
 * change's transaction wrote it to: its type, its user and its data exactly (ids and
 * names, never a contact value), and nothing from a change that was refused or rolled
 * back, or that changed nothing. Erasure's {@code user.erased} is in
 * {@code AccountDeletionIntegrationTest}, one-tap's {@code user.created} in
 * {@code AlibabaCloudIntegrationTest} (each needs what only that class has).
 */
class EventSourcesIntegrationTest extends ApiTestBase {

	private static final String PASSWORD = "Passw0rd-events";

	private static final String LOGIN = "/sessions-rest/associatedBusiness/loginTenant";

	@Autowired
	private JdbcClient jdbc;

	private final WireMockServer providers = TestDeliveries.webhook();

	/** The mobiles and emails this test handed to the service. */
	private final Set<String> contacts = new HashSet<>();

	private final List<Long> subscriptions = new ArrayList<>();

	@AfterEach
	void noContactValueInAnyEvent() {
		List<String> data = this.jdbc.sql("select (data - 'eraseAt')::text from event_outbox")
			.query(String.class)
			.list();
		assertThat(data).isNotEmpty().allSatisfy((json) -> {
			assertThat(json).doesNotContain("@").doesNotContainPattern("1[3-9][0-9]{9}");
			this.contacts.forEach((contact) -> assertThat(json).doesNotContain(contact));
		});
		this.subscriptions
			.forEach((id) -> this.jdbc.sql("delete from webhook_subscription where id = ?").param(id).update());
	}

	@Test
	void signUpsRecordUserCreatedWithHowTheAccountCameAndAWrongCodeNothing() {
		String registered = mobile();
		String byCode = mobile();
		String wrong = mobile();
		String email = email();
		String sent = smsCode(wrong, "register");

		long mark = mark();
		Api.Answer refused = api().post("/api/v1/auth/register",
				Map.of("mobile", wrong, "password", PASSWORD, "code", sent.equals("000000") ? "111111" : "000000"));
		assertThat(refused.code()).as(refused.toString()).isEqualTo(40002);
		assertThat(since(mark)).as("a wrong code creates nothing").isEmpty();

		long first = api()
			.post("/api/v1/auth/register",
					Map.of("mobile", registered, "password", PASSWORD, "code", smsCode(registered, "register")))
			.data()
			.path("userId")
			.asLong();
		long second = newUser(byCode).path("userId").asLong();
		long third = api().post("/api/v1/auth/login/code", Map.of("email", email, "code", emailCode(email, "login")))
			.data()
			.path("userId")
			.asLong();
		nextCodeWindow();
		long again = newUser(byCode).path("userId").asLong();

		assertThat(again).isEqualTo(second);
		assertThat(events(first)).containsExactly(event("user.created", first, "\"via\": \"register\""));
		assertThat(events(second)).as("signing in again creates nothing")
			.containsExactly(event("user.created", second, "\"via\": \"code\""));
		assertThat(events(third)).containsExactly(event("user.created", third, "\"via\": \"code\""));
	}

	@Test
	void adminCreatesOneByOneAndInBatchesAndAConflictRecordsNothing() {
		String mobile = mobile();
		String taken = mobile();
		long created = api().post("/api/v1/admin/users", Map.of("mobile", mobile), adminToken())
			.data()
			.path("userId")
			.asLong();
		long holder = api().post("/api/v1/admin/users", Map.of("mobile", taken), adminToken())
			.data()
			.path("userId")
			.asLong();

		long mark = mark();
		Api.Answer conflict = api().post("/api/v1/admin/users", Map.of("mobile", taken, "nickname", "二号"),
				adminToken());
		assertThat(conflict.code()).isEqualTo(40900);
		assertThat(since(mark)).isEmpty();
		JsonNode batch = api()
			.post("/api/v1/admin/users/batch",
					Map.of("users",
							List.of(Map.of("email", email()), Map.of("mobile", taken), Map.of("email", email()))),
					adminToken())
			.data();

		assertThat(events(created)).containsExactly(event("user.created", created, "\"via\": \"admin\""));
		assertThat(events(holder)).hasSize(1);
		long a = batch.get(0).path("userId").asLong();
		long c = batch.get(2).path("userId").asLong();
		assertThat(since(mark)).containsExactly(event("user.created", a, "\"via\": \"admin\""),
				event("user.created", c, "\"via\": \"admin\""));
	}

	@Test
	void aPartnersFirstLoginRecordsUserCreatedAndItsSubscriptionGetsItWithTheAssociatedId() {
		TenantClient tenant = newTenant();
		long subscription = subscribe(tenant);
		String associatedId = "ev-" + unique();

		long mark = mark();
		assertThat(tenant.post(LOGIN, Map.of("associatedId", associatedId, "notCreate", true)).code()).isEqualTo(40401);
		assertThat(since(mark)).isEmpty();
		long userId = tenant.post(LOGIN, Map.of("associatedId", associatedId, "userName", "伙伴"))
			.data()
			.path("userId")
			.asLong();
		tenant.post(LOGIN, Map.of("associatedId", associatedId));

		assertThat(events(userId)).containsExactly(event("user.created", userId, "\"via\": \"tenant\""));
		assertThat(deliveries(subscription)).containsExactly("user.created " + userId + " " + associatedId);
	}

	@Test
	void aSocialSignInThatCreatesTheAccountRecordsUserCreatedOnlyAndBindingsTheirIdentities() {
		String union = "union-ev-" + unique();
		wechatApp("app-" + union, "oApp" + unique(), union);
		miniProgram("mini-" + union, "oMini" + unique(), union);
		JsonNode app = social(Map.of("provider", "wechat", "code", "app-" + union));
		long userId = app.path("userId").asLong();
		social(Map.of("provider", "wechat", "code", "app-" + union));

		assertThat(events(userId)).as("the identity it was made for is part of user.created")
			.containsExactly(event("user.created", userId, "\"via\": \"social\""));

		long mark = mark();
		social(Map.of("provider", "wechat_mini", "code", "mini-" + union));
		assertThat(since(mark)).as("the mini-program joins the account of its unionid")
			.containsExactly(event("identity.bound", userId, "\"provider\": \"wechat_mini\""));

		String mobile = mobile();
		String token = newUser(mobile).path("accessToken").asString();
		long owner = me(token);
		String openId = "oBind" + unique();
		wechatApp("bind-" + openId, openId, "union-" + openId);
		mark = mark();
		Api.Answer bound = api().post("/api/v1/users/me/identities",
				Map.of("provider", "wechat", "code", "bind-" + openId), token);
		Api.Answer unbound = api().send(Call.of("DELETE", "/api/v1/users/me/identities/wechat").bearer(token));
		Api.Answer last = api().send(Call.of("DELETE", "/api/v1/users/me/identities/mobile").bearer(token));

		assertThat(bound.code()).as(bound.toString()).isEqualTo(200);
		assertThat(unbound.code()).isEqualTo(200);
		assertThat(last.code()).as("the last way to sign in stays").isEqualTo(40903);
		assertThat(since(mark)).containsExactly(event("identity.bound", owner, "\"provider\": \"wechat\""),
				event("identity.unbound", owner, "\"provider\": \"wechat\""));
	}

	@Test
	void profileChangesNameTheFieldsThatChangedAndOnlyWhenSomethingDid() throws Exception {
		String token = newUser(mobile()).path("accessToken").asString();
		long userId = me(token);
		long mark = mark();

		Api.Answer patched = api().patch("/api/v1/users/me",
				Map.of("nickname", "事件", "height", 170, "hobbyIds", List.of(1, 9)), token);
		Api.Answer same = api().patch("/api/v1/users/me",
				Map.of("nickname", "事件", "height", 170, "hobbyIds", List.of(9, 1)), token);
		Api.Answer invalid = api().patch("/api/v1/users/me", Map.of("nickname", "别的", "height", 999), token);
		Api.Answer rolledBack = api().patch("/api/v1/users/me", Map.of("nickname", "别的", "hobbyIds", List.of(424242)),
				token);
		Api.Answer hobbiesAgain = api()
			.send(Call.of("PUT", "/api/v1/users/me/hobbies").json(Map.of("hobbyIds", List.of(1, 9))).bearer(token));
		Api.Answer hobbies = api()
			.send(Call.of("PUT", "/api/v1/users/me/hobbies").json(Map.of("hobbyIds", List.of(1))).bearer(token));
		byte[] png = TestImages.blackPng(64, 64);
		Api.Answer avatar = api().send(
				Call.of("POST", "/api/v1/users/me/avatar").bearer(token).multipart("file", "a.png", "image/png", png));
		Api.Answer cleared = api().patch("/api/v1/users/me", nulls("signature", "weight", "address"), token);
		Api.Answer clearedAgain = api().patch("/api/v1/users/me", nulls("signature", "weight"), token);
		Api.Answer weight = api().patch("/api/v1/users/me", Map.of("weight", 68.5, "sex", 1), token);

		assertThat(List.of(patched, same, hobbiesAgain, hobbies, avatar, cleared, clearedAgain, weight))
			.allSatisfy((answer) -> assertThat(answer.code()).as(answer.toString()).isEqualTo(200));
		assertThat(invalid.code()).isEqualTo(40000);
		assertThat(rolledBack.code()).isEqualTo(40000);
		assertThat(api().get("/api/v1/users/me", token).data().path("nickname").asString()).isEqualTo("事件");
		assertThat(since(mark)).containsExactly(
				event("user.updated", userId, "\"fields\": [\"nickname\", \"height\", \"hobbyIds\"]"),
				event("user.updated", userId, "\"fields\": [\"hobbyIds\"]"),
				event("user.updated", userId, "\"fields\": [\"avatar\"]"),
				event("user.updated", userId, "\"fields\": [\"sex\", \"weight\"]"));
	}

	@Test
	void aPartnersProfileUpdateNamesTheFieldsAsTheProfileDoes() {
		TenantClient tenant = newTenant();
		String associatedId = "ev-" + unique();
		long userId = tenant.post(LOGIN, Map.of("associatedId", associatedId)).data().path("userId").asLong();
		String path = "/user-rest/userInfo/updateUserDetail?associatedId=" + associatedId;
		long mark = mark();

		Api.Answer changed = tenant.post(path, Map.of("name", "伙伴", "sex", 2, "height", 168));
		Api.Answer same = tenant.post(path, Map.of("name", "伙伴", "sex", 2));

		assertThat(changed.data().asBoolean()).as(changed.toString()).isTrue();
		assertThat(same.data().asBoolean()).as(same.toString()).isFalse();
		assertThat(since(mark))
			.containsExactly(event("user.updated", userId, "\"fields\": [\"nickname\", \"sex\", \"height\"]"));
	}

	@Test
	void contactChangesByTheOwnerAPartnerAReclaimAndAnUnbindNameTheContact() {
		String mobile = mobile();
		String token = newUser(mobile).path("accessToken").asString();
		long userId = me(token);
		String newer = mobile();
		String email = email();
		TenantClient tenant = newTenant();
		String associatedId = "ev-" + unique();
		long partnerUser = tenant.post(LOGIN, Map.of("associatedId", associatedId)).data().path("userId").asLong();
		String partnerMobile = mobile();
		long mark = mark();

		Api.Answer wrongCode = api().post("/api/v1/users/me/mobile",
				Map.of("mobile", newer, "code", "000000", "ticket", ticket(mobile, "verify")), token);
		assertThat(wrongCode.code()).as(wrongCode.toString()).isEqualTo(40002);
		assertThat(since(mark)).isEmpty();
		nextCodeWindow();
		Api.Answer mobileChanged = api().post("/api/v1/users/me/mobile",
				Map.of("mobile", newer, "code", smsCode(newer, "change_contact"), "ticket", ticket(mobile, "verify")),
				token);
		nextCodeWindow();
		Api.Answer emailSet = api().post("/api/v1/users/me/email",
				Map.of("email", email, "code", emailCode(email, "change_contact"), "ticket", ticket(newer, "verify")),
				token);
		Api.Answer byPartner = tenant.post("/user-rest/action/changeMobileByTenant?associatedId=" + associatedId,
				Map.of("mobile", partnerMobile));
		Api.Answer samebyPartner = tenant.post("/user-rest/action/changeMobileByTenant?associatedId=" + associatedId,
				Map.of("mobile", partnerMobile));
		Api.Answer unbound = api().send(Call.of("DELETE", "/api/v1/users/me/identities/mobile").bearer(token));
		// the owner of the partner's unproven number proves it: the partner's user loses
		// it
		long owner = newUser(partnerMobile).path("userId").asLong();

		assertThat(List.of(mobileChanged, emailSet, byPartner, samebyPartner, unbound))
			.allSatisfy((answer) -> assertThat(answer.code()).as(answer.toString()).isEqualTo(200));
		assertThat(since(mark)).containsExactly(event("user.contact_changed", userId, "\"contact\": \"mobile\""),
				event("user.contact_changed", userId, "\"contact\": \"email\""),
				event("user.contact_changed", partnerUser, "\"contact\": \"mobile\""),
				event("user.contact_changed", userId, "\"contact\": \"mobile\""),
				event("user.contact_changed", partnerUser, "\"contact\": \"mobile\""),
				event("user.created", owner, "\"via\": \"code\""));
	}

	@Test
	void anAdminDisablingAndEnablingRecordsOnlyActualChanges() {
		String token = newUser(mobile()).path("accessToken").asString();
		long userId = me(token);
		String path = "/api/v1/admin/users/" + userId;
		long mark = mark();

		List<Api.Answer> answers = List.of(api().patch(path, Map.of("status", "disabled"), adminToken()),
				api().patch(path, Map.of("status", "disabled"), adminToken()),
				api().patch(path, Map.of("roles", List.of("USER")), adminToken()),
				api().patch(path, Map.of("status", "active"), adminToken()));
		Api.Answer invalid = api().patch(path, Map.of("status", "erased"), adminToken());

		assertThat(answers).allSatisfy((answer) -> assertThat(answer.code()).as(answer.toString()).isEqualTo(200));
		assertThat(invalid.code()).isEqualTo(40000);
		assertThat(since(mark)).containsExactly(event("user.disabled", userId, null),
				event("user.enabled", userId, null));
	}

	@Test
	void aDeletionRequestedOnceAndCancelledRecordsBothOnce() {
		String mobile = mobile();
		String token = api()
			.post("/api/v1/auth/register",
					Map.of("mobile", mobile, "password", PASSWORD, "code", smsCode(mobile, "register")))
			.data()
			.path("accessToken")
			.asString();
		long userId = me(token);
		long mark = mark();

		Api.Answer wrong = api().post("/api/v1/users/me/deletion", Map.of("password", "Wrong-passw0rd"), token);
		Api.Answer requested = api().post("/api/v1/users/me/deletion", Map.of("password", PASSWORD), token);
		String again = passwordLogin(mobile, PASSWORD).data().path("accessToken").asString();
		Api.Answer twice = api().post("/api/v1/users/me/deletion", Map.of("password", PASSWORD), again);
		String third = passwordLogin(mobile, PASSWORD).data().path("accessToken").asString();
		Api.Answer cancelled = api().send(Call.of("DELETE", "/api/v1/users/me/deletion").bearer(third));
		Api.Answer cancelledAgain = api().send(Call.of("DELETE", "/api/v1/users/me/deletion").bearer(third));

		assertThat(wrong.code()).isEqualTo(40102);
		assertThat(requested.code()).as(requested.toString()).isEqualTo(200);
		assertThat(twice.code()).as(twice.toString()).isEqualTo(200);
		assertThat(twice.data().path("eraseAt").asLong()).isEqualTo(requested.data().path("eraseAt").asLong());
		assertThat(cancelled.code()).isEqualTo(200);
		assertThat(cancelledAgain.code()).isEqualTo(200);
		assertThat(since(mark)).containsExactly(
				event("user.deletion_requested", userId, "\"eraseAt\": " + requested.data().path("eraseAt").asLong()),
				event("user.deletion_cancelled", userId, null));
	}

	@Test
	void anImportRecordsUserCreatedForEachAccountAfterItsMappingsAndADryRunNothing() {
		TenantClient tenant = newTenant();
		long subscription = subscribe(tenant);
		String associatedId = "imp-" + unique();
		String mapped = "ev-imp-a-" + unique();
		String plain = "ev-imp-b-" + unique();
		Map<String, Object> first = new LinkedHashMap<>();
		first.put("externalId", mapped);
		first.put("email", email());
		first.put("tenants", List.of(Map.of("tenantKey", tenant.key(), "associatedId", associatedId)));
		String file = json(first) + "\n" + json(Map.of("externalId", plain, "mobile", mobile())) + "\n";
		long mark = mark();

		Api.Answer dry = importFile(file, true);
		assertThat(dry.data().path("imported").asLong()).as(dry.toString()).isEqualTo(2);
		assertThat(since(mark)).as("a dry run is rolled back with its events").isEmpty();
		Api.Answer imported = importFile(file, false);

		assertThat(imported.data().path("imported").asLong()).as(imported.toString()).isEqualTo(2);
		long a = importedUser(mapped);
		long b = importedUser(plain);
		assertThat(since(mark)).containsExactly(event("user.created", a, "\"via\": \"import\""),
				event("user.created", b, "\"via\": \"import\""));
		assertThat(deliveries(subscription)).containsExactly("user.created " + a + " " + associatedId);
	}

	// what the test reads of the outbox

	private long mark() {
		return this.jdbc.sql("select coalesce(max(seq), 0) from event_outbox").query(Long.class).single();
	}

	/** Every event recorded after the mark, in order: type and data. */
	private List<String> since(long mark) {
		return this.jdbc.sql("select type || ' ' || data::text from event_outbox where seq > ? order by seq")
			.param(mark)
			.query(String.class)
			.list();
	}

	/** Every event about the user, in order. */
	private List<String> events(long userId) {
		return this.jdbc.sql("select type || ' ' || data::text from event_outbox where user_id = ? order by seq")
			.param(userId)
			.query(String.class)
			.list();
	}

	/** The event as the outbox holds it: its data is exactly this, after the userId. */
	private String event(String type, long userId, String rest) {
		String json = "{\"userId\": " + userId + ((rest != null) ? ", " + rest : "") + "}";
		return type + " " + this.jdbc.sql("select ?::jsonb::text").param(json).query(String.class).single();
	}

	/** The deliveries of the subscription: type, user and the associatedId they carry. */
	private List<String> deliveries(long subscription) {
		return this.jdbc.sql("""
				select e.type || ' ' || d.user_id || ' ' || coalesce(d.associated_id, '-')
				from webhook_delivery d join event_outbox e on e.seq = d.event_seq
				where d.subscription_id = ? order by d.event_seq
				""").param(subscription).query(String.class).list();
	}

	/** A subscription of the tenant to every event, as the admin API would make it. */
	private long subscribe(TenantClient tenant) {
		long id = this.jdbc.sql("""
				insert into webhook_subscription (url, events, tenant_id, created_at, updated_at)
				select 'https://hooks.example.com/' || tenant_key, array['*'], id, now(), now()
				from tenant where tenant_key = ? returning id
				""").param(tenant.key()).query(Long.class).single();
		this.subscriptions.add(id);
		return id;
	}

	// the triggers

	/** One code a minute goes to a mobile: the next one is sent a minute later. */
	private static void nextCodeWindow() {
		TestClock.advance(Duration.ofSeconds(61));
	}

	private long me(String token) {
		return api().get("/api/v1/users/me", token).data().path("userId").asLong();
	}

	private String mobile() {
		String mobile = newMobile();
		this.contacts.add(mobile);
		return mobile;
	}

	private String email() {
		String email = newEmail();
		this.contacts.add(email);
		return email;
	}

	private JsonNode social(Map<String, Object> body) {
		Api.Answer answer = api().post("/api/v1/auth/login/social", body);
		assertThat(answer.code()).as(answer.toString()).isEqualTo(200);
		return answer.data();
	}

	private void wechatApp(String code, String openId, String unionId) {
		this.providers.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token")).withQueryParam("code", equalTo(code))
			.willReturn(okJson("{\"access_token\":\"at-" + code + "\",\"expires_in\":7200,\"openid\":\"" + openId
					+ "\",\"unionid\":\"" + unionId + "\"}")));
		this.providers.stubFor(get(urlPathEqualTo("/sns/userinfo"))
			.withQueryParam("access_token", equalTo("at-" + code))
			.willReturn(okJson("{\"openid\":\"" + openId + "\",\"nickname\":\"微信\",\"unionid\":\"" + unionId + "\"}")));
	}

	private void miniProgram(String jsCode, String openId, String unionId) {
		this.providers.stubFor(get(urlPathEqualTo("/sns/jscode2session")).withQueryParam("js_code", equalTo(jsCode))
			.withQueryParam("appid", equalTo("wx-mini-test-app"))
			.withQueryParam("secret", equalTo(TestSecrets.wechatMiniSecret()))
			.withQueryParam("grant_type", equalTo("authorization_code"))
			.willReturn(okJson("{\"openid\":\"" + openId + "\",\"session_key\":\"tiihtNczf5v6AKRyjwEUhQ==\","
					+ "\"unionid\":\"" + unionId + "\"}")));
	}

	private static Map<String, Object> nulls(String... fields) {
		Map<String, Object> body = new LinkedHashMap<>();
		for (String field : fields) {
			body.put(field, null);
		}
		return body;
	}

	private Api.Answer importFile(String file, boolean dryRun) {
		return api().send(Call.of("POST", "/api/v1/admin/users/import" + (dryRun ? "?dryRun=true" : ""))
			.body(file.getBytes(StandardCharsets.UTF_8), "application/x-ndjson")
			.bearer(adminToken()));
	}

	private long importedUser(String externalId) {
		return this.jdbc.sql("select user_id from user_import where external_id = ?")
			.param(externalId)
			.query(Long.class)
			.single();
	}

	private static String json(Object value) {
		return Api.JSON.writeValueAsString(value);
	}

}
