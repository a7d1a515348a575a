package com.usercenter.admin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

import com.usercenter.support.TestClock;
import com.usercenter.support.AdminSecondFactor;
import com.usercenter.support.Api;
import com.usercenter.support.Api.Call;
import com.usercenter.support.ApiTestBase;
import com.usercenter.support.TenantClient;
import com.usercenter.support.TestDeliveries;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin user API and the audit trail, as ops use them from Swagger UI and scripts.
 */
class AdminUsersIntegrationTest extends ApiTestBase {

	@Autowired
	private JdbcClient jdbc;

	private String admin;

	@BeforeEach
	void signInAsAdmin() {
		this.admin = adminToken();
	}

	@ParameterizedTest
	@ValueSource(strings = { "GET /api/v1/admin/users", "GET /api/v1/admin/users/1000001", "POST /api/v1/admin/users",
			"POST /api/v1/admin/users/batch", "PATCH /api/v1/admin/users/1000001",
			"POST /api/v1/admin/users/1000001/messages", "GET /api/v1/admin/users/ids",
			"GET /api/v1/admin/audit-events" })
	void anonymousAnswers40100AndUsersAnswer40300(String endpoint) {
		String[] parts = endpoint.split(" ");
		String user = plainUserToken();

		Api.Answer anonymous = api().send(Call.of(parts[0], parts[1]).json("{}"));
		Api.Answer plain = api().send(Call.of(parts[0], parts[1]).json("{}").bearer(user));

		assertThat(anonymous.code()).isEqualTo(40100);
		assertThat(plain.status()).isEqualTo(403);
		assertThat(plain.code()).isEqualTo(40300);
	}

	@Test
	void createAnswersTheNewUserId() {
		String mobile = newMobile();

		Api.Answer created = create(Map.of("mobile", mobile, "email", newEmail(), "username", "u" + unique(),
				"nickname", "新人", "password", "Adm1n-made-it"));

		assertThat(created.code()).as(created.toString()).isEqualTo(200);
		long id = created.data().path("userId").asLong();
		assertThat(api().post("/api/v1/auth/login/password", Map.of("account", mobile, "password", "Adm1n-made-it"))
			.data()
			.path("userId")
			.asLong()).isEqualTo(id);
	}

	@Test
	void duplicatesAnswerTheExistingUserId() {
		String mobile = newMobile();
		String email = newEmail();
		String username = "dup" + unique();
		long holder = create(Map.of("mobile", mobile, "email", email, "username", username)).data()
			.path("userId")
			.asLong();

		Api.Answer sameMobile = create(Map.of("mobile", "+86 " + mobile));
		Api.Answer sameEmail = create(Map.of("email", email.toUpperCase()));
		Api.Answer sameUsername = create(Map.of("email", newEmail(), "username", username.toUpperCase()));

		assertThat(sameMobile.code()).isEqualTo(40900);
		assertThat(sameMobile.data().path("userId").asLong()).isEqualTo(holder);
		assertThat(sameEmail.code()).isEqualTo(40901);
		assertThat(sameEmail.data().path("userId").asLong()).isEqualTo(holder);
		assertThat(sameUsername.code()).isEqualTo(40904);
		assertThat(sameUsername.data().path("userId").asLong()).isEqualTo(holder);
	}

	@Test
	void racingCreatesOfOneUsernameMakeExactlyOneUser() throws Exception {
		String username = "race" + unique();
		List<Callable<Api.Answer>> calls = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			// differing case: the database compares the normalised name
			String spelled = (i % 2 == 0) ? username : username.toUpperCase();
			calls.add(() -> create(Map.of("email", newEmail(), "username", spelled)));
		}

		List<Api.Answer> answers = runTogether(calls);

		assertThat(answers).filteredOn((answer) -> answer.code() == 200).hasSize(1);
		long winner = answers.stream()
			.filter((answer) -> answer.code() == 200)
			.findFirst()
			.orElseThrow()
			.data()
			.path("userId")
			.asLong();
		assertThat(answers).filteredOn((answer) -> answer.code() != 200).allSatisfy((answer) -> {
			assertThat(answer.code()).as(answer.toString()).isEqualTo(40904);
			assertThat(answer.data().path("userId").asLong()).isEqualTo(winner);
		});
		assertThat(this.jdbc.sql("select count(*) from app_user where username = ?")
			.param(username.toLowerCase())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{}", "{\"nickname\":\"x\"}", "{\"mobile\":\"123\"}", "{\"email\":\"not-an-email\"}",
			"{\"mobile\":\"13800138000\",\"username\":\"1abc\"}", "{\"mobile\":\"13800138000\",\"nickname\":\"\"}" })
	void invalidCreationsAnswer40000(String body) {
		assertThat(api().post("/api/v1/admin/users", body, this.admin).code()).isEqualTo(40000);
	}

	@Test
	void weakPasswordAnswers40005() {
		assertThat(create(Map.of("mobile", newMobile(), "password", "weak")).code()).isEqualTo(40005);
	}

	@Test
	void batchAnswersOneResultPerItemAndKeepsTheGoodOnes() {
		String mobile = newMobile();
		String email = newEmail();
		List<Map<String, Object>> users = List.of(Map.of("mobile", mobile, "nickname", "一号"), Map.of("mobile", mobile),
				Map.of("mobile", "12345"), Map.of("email", email), Map.of("email", newEmail(), "password", "weak"));

		Api.Answer answer = api().post("/api/v1/admin/users/batch", Map.of("users", users), this.admin);

		JsonNode results = answer.data();
		assertThat(answer.code()).isEqualTo(200);
		assertThat(results.size()).isEqualTo(5);
		assertThat(results.findValues("index").stream().map(JsonNode::asInt)).containsExactly(0, 1, 2, 3, 4);
		assertThat(results.findValues("code").stream().map(JsonNode::asInt)).containsExactly(200, 40900, 40000, 200,
				40005);
		long first = results.get(0).path("userId").asLong();
		assertThat(results.get(1).path("userId").asLong()).isEqualTo(first);
		assertThat(results.get(2).path("userId").isNull() || results.get(2).path("userId").isMissingNode()).isTrue();
		assertThat(results.get(1).path("msg").asString()).isEqualTo("手机号已被使用");
		assertThat(api().get("/api/v1/admin/users/" + first, this.admin).data().path("nickname").asString())
			.isEqualTo("一号");
		assertThat(api().get("/api/v1/admin/users/" + results.get(3).path("userId").asLong(), this.admin).code())
			.isEqualTo(200);
	}

	/**
	 * Review 3, finding 9: a batch of candidate numbers beside a taken username answered
	 * 40900 with the holder's id for the right number and 40904 for the rest, unaudited.
	 */
	@Test
	void aTakenContactIsAnAuditedRevealAndATakenUsernameProbesNothing() {
		String mobile = newMobile();
		long holder = newUser(mobile).path("userId").asLong();
		String takenName = "taken" + unique();
		assertThat(create(Map.of("mobile", newMobile(), "username", takenName)).code()).isEqualTo(200);
		List<Map<String, Object>> candidates = List.of(Map.of("mobile", newMobile(), "username", takenName),
				Map.of("mobile", mobile, "username", takenName), Map.of("mobile", newMobile(), "username", takenName));

		JsonNode probed = api().post("/api/v1/admin/users/batch", Map.of("users", candidates), this.admin).data();
		long auditedAfterTheProbe = auditCount("admin_reveal", holder);
		Api.Answer taken = create(Map.of("mobile", mobile));

		assertThat(probed.findValues("code").stream().map(JsonNode::asInt)).as(probed.toString())
			.containsExactly(40904, 40904, 40904);
		assertThat(auditedAfterTheProbe).as("the username answered first: nothing about the number was told").isZero();
		assertThat(taken.code()).isEqualTo(40900);
		assertThat(taken.data().path("userId").asLong()).as("the contract's answer names the holder").isEqualTo(holder);
		assertThat(auditCount("admin_reveal", holder)).as("and is audited as a reveal").isEqualTo(1);
	}

	@Test
	void anAdminsRevealsAreLimited() {
		String mobile = newMobile();
		create(Map.of("mobile", mobile));
		String password = "Rev3al-" + unique();
		long id = create(Map.of("mobile", newMobile(), "username", "revealer" + unique(), "password", password)).data()
			.path("userId")
			.asLong();
		api().patch("/api/v1/admin/users/" + id, Map.of("roles", List.of("USER", "ADMIN")), this.admin);
		String revealer = AdminSecondFactor.enrolAndSignIn(api(),
				api().get("/api/v1/admin/users/" + id, this.admin).data().path("username").asString(), password);
		List<Map<String, Object>> fifty = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			fifty.add(Map.of("mobile", mobile));
		}

		JsonNode first = api().post("/api/v1/admin/users/batch", Map.of("users", fifty), revealer).data();
		JsonNode second = api().post("/api/v1/admin/users/batch", Map.of("users", fifty), revealer).data();
		Api.Answer over = api().get("/api/v1/admin/users/" + id + "?reveal=true", revealer);

		assertThat(first.findValues("code").stream().map(JsonNode::asInt)).containsOnly(40900);
		assertThat(second.findValues("code").stream().map(JsonNode::asInt)).containsOnly(40900);
		assertThat(over.code()).as(over.toString()).isEqualTo(42900);
		assertThat(api().get("/api/v1/admin/users/" + id, revealer).code()).as("masked reads go on").isEqualTo(200);
	}

	@Test
	void batchOfMoreThanFiftyOrNoneAnswers40000() {
		List<Map<String, Object>> many = new ArrayList<>();
		for (int i = 0; i < 51; i++) {
			many.add(Map.of("mobile", newMobile()));
		}

		assertThat(api().post("/api/v1/admin/users/batch", Map.of("users", many), this.admin).code()).isEqualTo(40000);
		assertThat(api().post("/api/v1/admin/users/batch", Map.of("users", List.of()), this.admin).code())
			.isEqualTo(40000);
	}

	@Test
	void listMasksContactsAndRevealIsAudited() {
		String tag = "mask" + unique();
		String mobile = newMobile();
		String email = newEmail();
		long id = create(Map.of("mobile", mobile, "email", email, "nickname", tag)).data().path("userId").asLong();

		JsonNode masked = list("name=" + tag).data().path("content").get(0);
		JsonNode revealed = list("name=" + tag + "&reveal=true").data().path("content").get(0);

		assertThat(masked.path("mobile").asString()).isEqualTo(mobile.substring(0, 3) + "****" + mobile.substring(7));
		assertThat(masked.path("email").asString()).startsWith(email.substring(0, 1) + "***@");
		assertThat(revealed.path("mobile").asString()).isEqualTo("+86" + mobile);
		assertThat(revealed.path("email").asString()).isEqualTo(email);
		assertThat(auditCount("admin_reveal", id)).isEqualTo(1);
	}

	@Test
	void listPagesWithTheContractsFields() {
		String tag = "page" + unique();
		for (int i = 0; i < 3; i++) {
			create(Map.of("mobile", newMobile(), "nickname", tag + i));
		}

		JsonNode first = list("name=" + tag + "&size=2&page=0").data();
		JsonNode second = list("name=" + tag + "&size=2&page=1").data();

		assertThat(first.path("content").size()).isEqualTo(2);
		assertThat(first.path("number").asInt()).isZero();
		assertThat(first.path("size").asInt()).isEqualTo(2);
		assertThat(first.path("totalElements").asLong()).isEqualTo(3);
		assertThat(first.path("totalPages").asInt()).isEqualTo(2);
		assertThat(first.path("first").asBoolean()).isTrue();
		assertThat(first.path("last").asBoolean()).isFalse();
		assertThat(first.path("numberOfElements").asInt()).isEqualTo(2);
		assertThat(second.path("content").size()).isEqualTo(1);
		assertThat(second.path("last").asBoolean()).isTrue();
		assertThat(first.path("content").get(0).path("nickname").asString()).isEqualTo(tag + "2");
	}

	@Test
	void listByIdsAndCaseInsensitiveName() {
		String tag = "CaSe" + unique();
		long a = create(Map.of("mobile", newMobile(), "nickname", tag + "-A")).data().path("userId").asLong();
		long b = create(Map.of("mobile", newMobile(), "nickname", "other")).data().path("userId").asLong();

		JsonNode byIds = list("ids=" + a + "," + b).data();
		JsonNode byRepeatedIds = list("ids=" + a + "&ids=" + b).data();
		Api.Answer twoPages = list("ids=" + a + "&page=0&page=1");
		JsonNode byName = list("name=" + tag.toLowerCase()).data();

		assertThat(byIds.path("content").findValues("userId").stream().map(JsonNode::asLong))
			.containsExactlyInAnyOrder(a, b);
		// a list takes every value it is sent; a one-value parameter sent twice is
		// refused
		assertThat(byRepeatedIds.path("content").findValues("userId").stream().map(JsonNode::asLong))
			.containsExactlyInAnyOrder(a, b);
		assertThat(twoPages.code()).isEqualTo(40000);
		assertThat(byName.path("content").findValues("userId").stream().map(JsonNode::asLong)).containsExactly(a);
	}

	@ParameterizedTest
	@ValueSource(strings = { "%", "_", "'", "\\", "😀", "' or '1'='1", "%_\\" })
	void hostileSearchStringsAreMatchedAsPlainText(String hostile) {
		String tag = "h" + unique();
		long literal = create(Map.of("mobile", newMobile(), "nickname", tag + hostile + "z")).data()
			.path("userId")
			.asLong();
		create(Map.of("mobile", newMobile(), "nickname", tag + "xz"));

		Api.Answer answer = list("name=" + URLEncoder.encode(tag + hostile, StandardCharsets.UTF_8));

		assertThat(answer.code()).isEqualTo(200);
		assertThat(answer.data().path("content").findValues("userId").stream().map(JsonNode::asLong))
			.containsExactly(literal);
	}

	@ParameterizedTest
	@ValueSource(strings = { "size=0", "size=101", "page=-1", "ids=abc", "ids=0" })
	void invalidListQueriesAnswer40000(String query) {
		assertThat(list(query).code()).isEqualTo(40000);
	}

	@Test
	void oneUserShowsStatusRolesAndIdentities() {
		TenantClient tenant = newTenant();
		String associatedId = "partner-" + unique();
		long id = tenant.post("/sessions-rest/associatedBusiness/loginTenant", Map.of("associatedId", associatedId))
			.data()
			.path("userId")
			.asLong();
		String mobile = newMobile();
		tenant.post("/user-rest/action/changeMobileByTenant?associatedId=" + associatedId, Map.of("mobile", mobile));

		JsonNode masked = api().get("/api/v1/admin/users/" + id, this.admin).data();
		JsonNode revealed = api().get("/api/v1/admin/users/" + id + "?reveal=true", this.admin).data();

		assertThat(masked.path("status").asString()).isEqualTo("active");
		assertThat(masked.path("roles").get(0).asString()).isEqualTo("USER");
		assertThat(masked.path("mobile").asString()).contains("****");
		assertThat(masked.path("identities").findValuesAsString("provider")).containsExactly("mobile", "tenant");
		assertThat(masked.path("identities").get(1).path("subject").asString())
			.as("the same mask as the user's own list")
			.isEqualTo(tenant.key() + ":par***" + associatedId.substring(associatedId.length() - 2));
		assertThat(revealed.path("mobile").asString()).isEqualTo("+86" + mobile);
		assertThat(revealed.path("identities").get(1).path("subject").asString())
			.isEqualTo(tenant.key() + ":" + associatedId);
		assertThat(auditCount("admin_reveal", id)).isEqualTo(1);
	}

	@Test
	void unknownUserAnswers40401() {
		assertThat(api().get("/api/v1/admin/users/999999999", this.admin).code()).isEqualTo(40401);
		assertThat(api().patch("/api/v1/admin/users/999999999", Map.of("status", "disabled"), this.admin).code())
			.isEqualTo(40401);
	}

	@Test
	void disablingEndsEverySessionAtOnceAndEnablingAllowsSignInAgain() {
		String mobile = newMobile();
		long id = create(Map.of("mobile", mobile, "password", "Dis4bled-soon")).data().path("userId").asLong();
		String token = passwordLogin(mobile, "Dis4bled-soon").data().path("accessToken").asString();

		Api.Answer disabled = api().patch("/api/v1/admin/users/" + id, Map.of("status", "disabled"), this.admin);

		assertThat(disabled.data().path("status").asString()).isEqualTo("disabled");
		assertThat(api().get("/api/v1/users/me", token).code()).isEqualTo(40101);
		assertThat(passwordLogin(mobile, "Dis4bled-soon").code()).isEqualTo(40301);
		api().patch("/api/v1/admin/users/" + id, Map.of("status", "active"), this.admin);
		assertThat(passwordLogin(mobile, "Dis4bled-soon").code()).isEqualTo(200);
		assertThat(auditCount("admin_user_change", id)).isEqualTo(3);
	}

	@Test
	void grantingAdminTakesEffectOnTheNextSignIn() {
		String mobile = newMobile();
		long id = create(Map.of("mobile", mobile, "password", "Pr0moted-user")).data().path("userId").asLong();
		String before = passwordLogin(mobile, "Pr0moted-user").data().path("accessToken").asString();

		Api.Answer changed = api().patch("/api/v1/admin/users/" + id, Map.of("roles", List.of("USER", "ADMIN")),
				this.admin);
		String after = passwordLogin(mobile, "Pr0moted-user").data().path("accessToken").asString();

		assertThat(changed.data().path("roles").toString()).contains("ADMIN");
		assertThat(api().get("/api/v1/users/me", before).code()).isEqualTo(40101);
		assertThat(api().get("/api/v1/admin/users/" + id, after).code())
			.as("an admin now, whose password-only session needs a second factor")
			.isEqualTo(40303);
		assertThat(
				api().get("/api/v1/admin/users/" + id, AdminSecondFactor.enrolAndSignIn(api(), mobile, "Pr0moted-user"))
					.code())
			.isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{}", "{\"status\":\"deleted\"}", "{\"roles\":[\"ROOT\"]}", "{\"roles\":[null]}" })
	void invalidChangesAnswer40000(String body) {
		long id = create(Map.of("mobile", newMobile())).data().path("userId").asLong();

		assertThat(api().patch("/api/v1/admin/users/" + id, body, this.admin).code()).isEqualTo(40000);
	}

	@Test
	void messagesGoThroughTheSameProviders() throws Exception {
		String mobile = newMobile();
		String email = newEmail();
		long id = create(Map.of("mobile", mobile, "email", email)).data().path("userId").asLong();

		Api.Answer sms = message(id, "sms", "您的会员即将到期");
		Api.Answer mail = message(id, "email", "Hello from ops");

		assertThat(sms.code()).isEqualTo(200);
		assertThat(mail.code()).isEqualTo(200);
		JsonNode payload = TestDeliveries.smsTo("+86" + mobile).get(0);
		assertThat(payload.path("text").asString()).isEqualTo("您的会员即将到期");
		assertThat(payload.path("code").isNull()).isTrue();
		assertThat(payload.path("purpose").isNull()).isTrue();
		assertThat(TestDeliveries.textOf(TestDeliveries.emailsTo(email).get(0))).contains("Hello from ops");
		assertThat(auditCount("admin_message", id)).isEqualTo(2);
	}

	@Test
	void messagesAreRateLimitedPerUser() {
		long id = create(Map.of("mobile", newMobile())).data().path("userId").asLong();
		for (int i = 0; i < 10; i++) {
			assertThat(message(id, "sms", "第" + i + "条").code()).isEqualTo(200);
		}

		Api.Answer eleventh = message(id, "sms", "太多了");

		assertThat(eleventh.code()).isEqualTo(42900);
		assertThat(eleventh.data().path("retryAfter").asLong()).isPositive();
	}

	@Test
	void messageToAMissingContactAnswers40000() {
		long id = create(Map.of("mobile", newMobile())).data().path("userId").asLong();

		Api.Answer answer = message(id, "email", "no email on file");

		assertThat(answer.code()).isEqualTo(40000);
		assertThat(answer.data().path("errors").get(0).path("field").asString()).isEqualTo("channel");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"channel\":\"fax\",\"text\":\"x\"}", "{\"channel\":\"sms\",\"text\":\"\"}",
			"{\"channel\":\"sms\"}" })
	void invalidMessagesAnswer40000(String body) {
		long id = create(Map.of("mobile", newMobile())).data().path("userId").asLong();

		assertThat(api().post("/api/v1/admin/users/" + id + "/messages", body, this.admin).code()).isEqualTo(40000);
	}

	@Test
	void userIdsByCityAndDeviceTypePageWithAStableCursor() {
		long city = 5_000_000 + ThreadLocalRandom.current().nextInt(1_000_000);
		this.jdbc.sql("""
				with made as (
				  insert into app_user (nickname, created_at, updated_at)
				  select 'device-owner', now(), now() from generate_series(1, 1001) returning id)
				insert into device (user_id, device_id, device_type, city_id, created_at, updated_at)
				select id, 'd-' || id, case when id % 2 = 0 then 'ios' else 'android' end, ?, now(), now() from made""")
			.param(city)
			.update();

		JsonNode first = api().get("/api/v1/admin/users/ids?cityId=" + city, this.admin).data();
		JsonNode second = api()
			.get("/api/v1/admin/users/ids?cityId=" + city + "&cursor=" + first.path("nextCursor").asLong(), this.admin)
			.data();
		JsonNode ios = api().get("/api/v1/admin/users/ids?cityId=" + city + "&deviceType=1", this.admin).data();

		List<Long> all = new ArrayList<>();
		first.path("userIds").forEach((id) -> all.add(id.asLong()));
		second.path("userIds").forEach((id) -> all.add(id.asLong()));
		assertThat(first.path("userIds").size()).isEqualTo(1000);
		assertThat(first.path("nextCursor").asLong()).isEqualTo(all.get(999));
		assertThat(second.path("userIds").size()).isEqualTo(1);
		assertThat(second.path("nextCursor").isNull()).isTrue();
		assertThat(all).doesNotHaveDuplicates().isSorted().hasSize(1001);
		assertThat(ios.path("userIds").size()).isEqualTo(all.stream().filter((id) -> id % 2 == 0).count());
	}

	@ParameterizedTest
	@ValueSource(strings = { "deviceType=3", "deviceType=x", "cursor=-1", "cityId=0" })
	void invalidIdQueriesAnswer40000(String query) {
		assertThat(api().get("/api/v1/admin/users/ids?" + query, this.admin).code()).isEqualTo(40000);
	}

	@Test
	void auditEventsAreFilteredAndNewestFirst() {
		String mobile = newMobile();
		long id = create(Map.of("mobile", mobile, "password", "Aud1t-me-pls")).data().path("userId").asLong();
		passwordLogin(mobile, "wrong-Passw0rd");
		long between = TestClock.now().toEpochMilli();
		passwordLogin(mobile, "Aud1t-me-pls");

		JsonNode all = audit("userId=" + id).data();
		JsonNode failures = audit("userId=" + id + "&type=login_failure").data();
		JsonNode later = audit("userId=" + id + "&from=" + between).data();

		assertThat(all.path("content").findValuesAsString("type")).containsExactly("login_success", "login_failure",
				"admin_user_change");
		JsonNode failure = failures.path("content").get(0);
		assertThat(failures.path("totalElements").asLong()).isEqualTo(1);
		assertThat(failure.path("detail").asString()).isEqualTo("password: wrong password");
		assertThat(failure.path("ip").asString()).isNotBlank();
		assertThat(failure.path("at").asLong()).isPositive();
		assertThat(later.path("content").findValuesAsString("type")).containsExactly("login_success");
		assertThat(all.toString()).doesNotContain("wrong-Passw0rd").doesNotContain("Aud1t-me-pls");
	}

	@ParameterizedTest
	@ValueSource(strings = { "type=DROP%20TABLE", "size=101", "page=-1", "from=-5", "userId=abc" })
	void invalidAuditQueriesAnswer40000(String query) {
		assertThat(audit(query).code()).isEqualTo(40000);
	}

	private Api.Answer create(Map<String, Object> body) {
		return api().post("/api/v1/admin/users", new HashMap<>(body), this.admin);
	}

	private Api.Answer list(String query) {
		return api().get("/api/v1/admin/users?" + query, this.admin);
	}

	private Api.Answer audit(String query) {
		return api().get("/api/v1/admin/audit-events?" + query, this.admin);
	}

	private Api.Answer message(long id, String channel, String text) {
		return api().post("/api/v1/admin/users/" + id + "/messages", Map.of("channel", channel, "text", text),
				this.admin);
	}

	private String plainUserToken() {
		return newTenant()
			.post("/sessions-rest/associatedBusiness/loginTenant", Map.of("associatedId", "p-" + unique()))
			.data()
			.path("accessToken")
			.asString();
	}

	private long auditCount(String type, long userId) {
		return this.jdbc.sql("select count(*) from audit_event where type = ? and user_id = ?")
			.params(type, userId)
			.query(Long.class)
			.single();
	}

}
