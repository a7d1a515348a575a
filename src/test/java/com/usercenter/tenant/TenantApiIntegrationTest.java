package com.usercenter.tenant;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.usercenter.support.TestClock;
import com.usercenter.support.Api;
import com.usercenter.support.Api.Call;
import com.usercenter.support.ApiTestBase;
import com.usercenter.support.TenantClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The partner API of seed 000 over real HTTP: signatures, mapping, hard and soft login,
 * profile updates.
 */
class TenantApiIntegrationTest extends ApiTestBase {

	private static final String LOGIN = "/sessions-rest/associatedBusiness/loginTenant";

	@Test
	void firstLoginCreatesTheUserAndLaterLoginsFindIt() {
		TenantClient tenant = newTenant();
		String associatedId = "partner-" + unique();

		Api.Answer first = tenant.post(LOGIN, Map.of("associatedId", associatedId));
		Api.Answer second = tenant.post(LOGIN, Map.of("associatedId", associatedId));

		assertThat(first.code()).as(first.toString()).isEqualTo(200);
		assertThat(first.msg()).isEqualTo("成功");
		assertThat(first.data().path("needInfo").asBoolean()).isTrue();
		assertThat(first.data().path("associatedId").asString()).isEqualTo(associatedId);
		assertThat(first.data().path("accessToken").asString()).isNotBlank();
		assertThat(first.data().path("refreshToken").asString()).isNotBlank();
		assertThat(first.data().path("expiresIn").asLong()).isEqualTo(7200);
		assertThat(second.data().path("needInfo").asBoolean()).isFalse();
		assertThat(second.data().path("userId").asLong()).isEqualTo(first.data().path("userId").asLong());
	}

	@Test
	void profileFieldsInitializeOnlyANewUser() {
		TenantClient tenant = newTenant();
		String associatedId = "partner-" + unique();
		Map<String, Object> details = Map.of("associatedId", associatedId, "userName", "小明", "sex", 1, "birthday",
				631123200000L, "height", 175, "waist", 80);

		String token = tenant.post(LOGIN, details).data().path("accessToken").asString();
		Map<String, Object> changed = new HashMap<>(details);
		changed.put("userName", "ignored");
		changed.put("height", 190);
		String later = tenant.post(LOGIN, changed).data().path("accessToken").asString();

		JsonNode me = api().get("/api/v1/users/me", later).data();
		assertThat(me.path("nickname").asString()).isEqualTo("小明");
		assertThat(me.path("sex").asInt()).isEqualTo(1);
		assertThat(me.path("birthday").asLong()).isEqualTo(631123200000L);
		assertThat(me.path("height").asInt()).isEqualTo(175);
		assertThat(me.path("waist").asInt()).isEqualTo(80);
		assertThat(me.path("age").asInt()).isGreaterThanOrEqualTo(36);
		assertThat(token).isNotEqualTo(later);
	}

	@Test
	void notCreateAnswers40401AndCreatesNothing() {
		TenantClient tenant = newTenant();
		String associatedId = "partner-" + unique();

		Api.Answer refused = tenant.post(LOGIN, Map.of("associatedId", associatedId, "notCreate", true));
		Api.Answer created = tenant.post(LOGIN, Map.of("associatedId", associatedId));

		assertThat(refused.status()).isEqualTo(404);
		assertThat(refused.code()).isEqualTo(40401);
		assertThat(created.data().path("needInfo").asBoolean()).isTrue();
	}

	@Test
	void notCreateSignsInAnExistingUser() {
		TenantClient tenant = newTenant();
		String associatedId = "partner-" + unique();
		tenant.post(LOGIN, Map.of("associatedId", associatedId));

		Api.Answer answer = tenant.post(LOGIN, Map.of("associatedId", associatedId, "notCreate", true));

		assertThat(answer.code()).isEqualTo(200);
		assertThat(answer.data().path("needInfo").asBoolean()).isFalse();
	}

	@Test
	void hardLoginRevokesEarlierTokens() {
		TenantClient tenant = newTenant();
		String associatedId = "partner-" + unique();
		JsonNode first = tenant.post(LOGIN, Map.of("associatedId", associatedId)).data();

		JsonNode second = tenant.post(LOGIN, Map.of("associatedId", associatedId, "softLogin", false)).data();

		Api.Answer old = api().get("/api/v1/users/me", first.path("accessToken").asString());
		assertThat(old.status()).isEqualTo(401);
		assertThat(old.code()).isEqualTo(40101);
		assertThat(api().get("/api/v1/users/me", second.path("accessToken").asString()).code()).isEqualTo(200);
		Api.Answer oldRefresh = api().post("/api/v1/auth/refresh",
				Map.of("refreshToken", first.path("refreshToken").asString()));
		assertThat(oldRefresh.code()).isEqualTo(40101);
	}

	@Test
	void softLoginKeepsTheLiveSessionAndItsTokens() {
		TenantClient tenant = newTenant();
		String associatedId = "partner-" + unique();
		JsonNode first = tenant.post(LOGIN, Map.of("associatedId", associatedId)).data();

		JsonNode soft = tenant.post(LOGIN, Map.of("associatedId", associatedId, "softLogin", true)).data();

		assertThat(api().get("/api/v1/users/me", first.path("accessToken").asString()).code()).isEqualTo(200);
		assertThat(api().get("/api/v1/users/me", soft.path("accessToken").asString()).code()).isEqualTo(200);
		assertThat(sessionOf(soft.path("accessToken").asString()))
			.isEqualTo(sessionOf(first.path("accessToken").asString()));
		assertThat(api().post("/api/v1/auth/refresh", Map.of("refreshToken", first.path("refreshToken").asString()))
			.code()).isEqualTo(200);
	}

	@Test
	void softLoginWithoutALiveSessionStartsOne() {
		TenantClient tenant = newTenant();
		String associatedId = "partner-" + unique();
		JsonNode first = tenant.post(LOGIN, Map.of("associatedId", associatedId)).data();
		api().post("/api/v1/auth/logout", null, first.path("accessToken").asString());

		JsonNode soft = tenant.post(LOGIN, Map.of("associatedId", associatedId, "softLogin", true)).data();

		assertThat(sessionOf(soft.path("accessToken").asString()))
			.isNotEqualTo(sessionOf(first.path("accessToken").asString()));
		assertThat(api().get("/api/v1/users/me", soft.path("accessToken").asString()).code()).isEqualTo(200);
	}

	@Test
	void hardLoginLeavesSessionsOfOtherTenantsAlone() {
		TenantClient tenantA = newTenant();
		String associatedId = "partner-" + unique();
		JsonNode viaA = tenantA.post(LOGIN, Map.of("associatedId", associatedId)).data();
		String mobile = newMobile();
		tenantA.post("/user-rest/action/changeMobileByTenant?associatedId=" + associatedId, Map.of("mobile", mobile));
		String passwordless = viaA.path("accessToken").asString();

		JsonNode again = tenantA.post(LOGIN, Map.of("associatedId", associatedId, "softLogin", true)).data();

		assertThat(api().get("/api/v1/users/me", passwordless).code()).isEqualTo(200);
		assertThat(again.path("userId").asLong()).isEqualTo(viaA.path("userId").asLong());
	}

	@Test
	void concurrentFirstLoginsCreateExactlyOneUser() throws Exception {
		TenantClient tenant = newTenant();
		String associatedId = "partner-" + unique();
		List<Callable<Api.Answer>> calls = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			calls.add(() -> tenant.post(LOGIN, Map.of("associatedId", associatedId, "softLogin", true)));
		}

		List<Api.Answer> answers = runTogether(calls);

		assertThat(answers).allSatisfy((answer) -> assertThat(answer.code()).as(answer.toString()).isEqualTo(200));
		assertThat(answers.stream().map((a) -> a.data().path("userId").asLong()).distinct()).hasSize(1);
		assertThat(answers.stream().filter((a) -> a.data().path("needInfo").asBoolean())).hasSize(1);
	}

	@Test
	void acceptsFormEncodedBodies() {
		TenantClient tenant = newTenant();
		String associatedId = "partner-" + unique();

		Api.Answer answer = api().send(tenant.sign(Call.of("POST", LOGIN)
			.form("associatedId=" + associatedId + "&userName=%E5%B0%8F%E7%BA%A2&sex=2&softLogin=false")));

		assertThat(answer.code()).as(answer.toString()).isEqualTo(200);
		JsonNode me = api().get("/api/v1/users/me", answer.data().path("accessToken").asString()).data();
		assertThat(me.path("nickname").asString()).isEqualTo("小红");
		assertThat(me.path("sex").asInt()).isEqualTo(2);
	}

	@Test
	void formFieldWithTwoValuesAnswers40001AndCreatesNobody() {
		TenantClient tenant = newTenant();
		String associatedId = "partner-" + unique();

		Api.Answer answer = api()
			.send(tenant.sign(Call.of("POST", LOGIN).form("associatedId=" + associatedId + "&sex=1&sex=2")));

		assertThat(answer.code()).isEqualTo(40001);
		assertThat(tenant.post(LOGIN, Map.of("associatedId", associatedId, "notCreate", true)).code()).isEqualTo(40401);
	}

	@Test
	void formFieldSentTwiceAnswers40001EvenWhenOneCopyIsEmpty() {
		TenantClient tenant = newTenant();
		String associatedId = "partner-" + unique();

		Api.Answer answer = api()
			.send(tenant.sign(Call.of("POST", LOGIN).form("associatedId=&associatedId=" + associatedId)));

		assertThat(answer.code()).as(answer.toString()).isEqualTo(40001);
		assertThat(tenant.post(LOGIN, Map.of("associatedId", associatedId, "notCreate", true)).code()).isEqualTo(40401);
	}

	@Test
	void formBodyWithWrongTypeAnswers40001() {
		TenantClient tenant = newTenant();

		Api.Answer answer = api()
			.send(tenant.sign(Call.of("POST", LOGIN).form("associatedId=x-" + unique() + "&sex=abc")));

		assertThat(answer.code()).isEqualTo(40001);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{}", "{\"associatedId\":\"\"}", "{\"associatedId\":\"   \"}",
			"{\"associatedId\":\"ok\",\"sex\":5}", "{\"associatedId\":\"ok\",\"height\":999}",
			"{\"associatedId\":\"ok\",\"waist\":10}", "{\"associatedId\":\"ok\",\"birthday\":99999999999999}",
			"{\"associatedId\":\"ok\",\"birthday\":-3000000000000}", "{\"associatedId\":\"ok\",\"userName\":\"\"}" })
	void invalidLoginBodiesAnswer40000(String body) {
		TenantClient tenant = newTenant();

		Api.Answer answer = tenant.post(LOGIN, body);

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.code()).as(answer.toString()).isEqualTo(40000);
		assertThat(answer.data().path("errors").isArray()).isTrue();
	}

	@Test
	void overlongAssociatedIdAnswers40000() {
		Api.Answer answer = newTenant().post(LOGIN, Map.of("associatedId", "x".repeat(129)));

		assertThat(answer.code()).isEqualTo(40000);
	}

	@Test
	void malformedSignedJsonAnswers40001() {
		Api.Answer answer = newTenant().post(LOGIN, "{\"associatedId\":");

		assertThat(answer.code()).isEqualTo(40001);
	}

	@Test
	void unsignedRequestAnswers40103() {
		Api.Answer answer = api().post(LOGIN, Map.of("associatedId", "x"));

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.code()).isEqualTo(40103);
	}

	@Test
	void wrongSecretAnswers40103() {
		TenantClient real = newTenant();
		TenantClient forger = new TenantClient(api(), real.key(),
				Base64.getUrlEncoder().encodeToString("not the secret".getBytes(StandardCharsets.UTF_8)));

		Api.Answer answer = forger.post(LOGIN, Map.of("associatedId", "x"));

		assertThat(answer.code()).isEqualTo(40103);
	}

	@Test
	void unknownTenantKeyAnswers40103() {
		TenantClient stranger = new TenantClient(api(), "tk_unknown" + unique(), "secret");

		assertThat(stranger.post(LOGIN, Map.of("associatedId", "x")).code()).isEqualTo(40103);
	}

	@ParameterizedTest
	@ValueSource(longs = { -301_000, 301_000, -3_600_000 })
	void timestampOutsideTheWindowAnswers40103(long skewMillis) {
		TenantClient tenant = newTenant();
		Call call = tenant.sign(Call.of("POST", LOGIN).json(Map.of("associatedId", "x")),
				TestClock.now().toEpochMilli() + skewMillis, TenantClient.nonce());

		assertThat(api().send(call).code()).isEqualTo(40103);
	}

	@Test
	void timestampJustInsideTheWindowIsAccepted() {
		TenantClient tenant = newTenant();
		Call call = tenant.sign(Call.of("POST", LOGIN).json(Map.of("associatedId", "x-" + unique())),
				TestClock.now().toEpochMilli() - 290_000, TenantClient.nonce());

		assertThat(api().send(call).code()).isEqualTo(200);
	}

	@Test
	void rejectsReplayedNonce() {
		TenantClient tenant = newTenant();
		Call call = tenant.sign(Call.of("POST", LOGIN).json(Map.of("associatedId", "x-" + unique())));

		Api.Answer first = api().send(call);
		Api.Answer replay = api().send(call);

		assertThat(first.code()).isEqualTo(200);
		assertThat(replay.status()).isEqualTo(401);
		assertThat(replay.code()).isEqualTo(40104);
	}

	@Test
	void nonceIsPerTenant() {
		TenantClient a = newTenant();
		TenantClient b = newTenant();
		String nonce = TenantClient.nonce();
		long now = TestClock.now().toEpochMilli();

		Api.Answer viaA = api()
			.send(a.sign(Call.of("POST", LOGIN).json(Map.of("associatedId", "x-" + unique())), now, nonce));
		Api.Answer viaB = api()
			.send(b.sign(Call.of("POST", LOGIN).json(Map.of("associatedId", "x-" + unique())), now, nonce));

		assertThat(viaA.code()).isEqualTo(200);
		assertThat(viaB.code()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "short", "has space here", "bad!chars!here", "" })
	void malformedNonceAnswers40103(String nonce) {
		TenantClient tenant = newTenant();
		Call call = tenant.sign(Call.of("POST", LOGIN).json(Map.of("associatedId", "x")),
				TestClock.now().toEpochMilli(), nonce);

		assertThat(api().send(call).code()).isEqualTo(40103);
	}

	@Test
	void tamperedBodyAnswers40103() {
		TenantClient tenant = newTenant();
		Call call = tenant.sign(Call.of("POST", LOGIN).json(Map.of("associatedId", "victim")));
		call.body("{\"associatedId\":\"attacker\"}".getBytes(StandardCharsets.UTF_8), "application/json");

		assertThat(api().send(call).code()).isEqualTo(40103);
	}

	@Test
	void tamperedQueryAnswers40103() {
		TenantClient tenant = newTenant();
		String associatedId = "partner-" + unique();
		tenant.post(LOGIN, Map.of("associatedId", associatedId));
		Call signed = tenant.sign(Call.of("POST", "/user-rest/userInfo/updateUserDetail?associatedId=" + associatedId)
			.json(Map.of("name", "x")));
		Call tampered = Call.of("POST", "/user-rest/userInfo/updateUserDetail?associatedId=someone-else")
			.json(Map.of("name", "x"));
		signed.headers().forEach(tampered::header);

		assertThat(api().send(tampered).code()).isEqualTo(40103);
	}

	@Test
	void disabledTenantAnswers40302() {
		TenantClient tenant = newTenant();
		api().patch("/api/v1/admin/tenants/" + tenant.key(), Map.of("status", "disabled"), adminToken());

		Api.Answer answer = tenant.post(LOGIN, Map.of("associatedId", "x"));

		assertThat(answer.status()).isEqualTo(403);
		assertThat(answer.code()).isEqualTo(40302);
	}

	@Test
	void rotatedSecretReplacesTheOldOne() {
		TenantClient old = newTenant();
		Api.Answer rotated = api().post("/api/v1/admin/tenants/" + old.key() + "/secret", null, adminToken());
		TenantClient renewed = new TenantClient(api(), old.key(), rotated.data().path("tenantSecret").asString());

		assertThat(old.post(LOGIN, Map.of("associatedId", "x-" + unique())).code()).isEqualTo(40103);
		assertThat(renewed.post(LOGIN, Map.of("associatedId", "x-" + unique())).code()).isEqualTo(200);
	}

	@Test
	void changeMobileStoresE164() {
		TenantClient tenant = newTenant();
		String associatedId = "partner-" + unique();
		String token = tenant.post(LOGIN, Map.of("associatedId", associatedId)).data().path("accessToken").asString();
		String mobile = newMobile();
		String spaced = "+86 " + mobile.substring(0, 3) + " " + mobile.substring(3, 7) + " " + mobile.substring(7);

		Api.Answer answer = tenant.post("/user-rest/action/changeMobileByTenant?associatedId=" + associatedId,
				Map.of("mobile", spaced));

		assertThat(answer.code()).isEqualTo(200);
		assertThat(answer.json().has("data")).isTrue();
		assertThat(answer.data().isNull()).isTrue();
		assertThat(api().get("/api/v1/users/me", token).data().path("mobile").asString()).isEqualTo("+86" + mobile);
	}

	@ParameterizedTest
	@ValueSource(strings = { "X-Tenant-Key", "X-Timestamp", "X-Nonce", "X-Signature" })
	void aSignatureHeaderSentTwiceAnswers40103(String header) {
		TenantClient tenant = newTenant();
		Call signed = tenant.sign(Call.of("POST", LOGIN).json(Map.of("associatedId", "twice-" + unique())));
		// the same value again: a second copy is refused whatever it holds
		Call twice = signed.headerAgain(header, signed.headers().get(header));

		Api.Answer answer = api().send(twice);

		assertThat(answer.code()).isEqualTo(40103);
	}

	@Test
	void anAssociatedIdSentTwiceAnswers40000AndChangesNothing() {
		TenantClient tenant = newTenant();
		String first = "partner-" + unique();
		String second = "partner-" + unique();
		String token = tenant.post(LOGIN, Map.of("associatedId", first)).data().path("accessToken").asString();
		tenant.post(LOGIN, Map.of("associatedId", second));

		Api.Answer answer = tenant.post(
				"/user-rest/action/changeMobileByTenant?associatedId=" + first + "&associatedId=" + second,
				Map.of("mobile", newMobile()));

		assertThat(answer.code()).isEqualTo(40000);
		assertThat(answer.data().path("errors").get(0).path("field").asString()).isEqualTo("associatedId");
		assertThat(api().get("/api/v1/users/me", token).data().path("mobile").isNull()).isTrue();
	}

	@Test
	void changeMobileAcceptsFormBody() {
		TenantClient tenant = newTenant();
		String associatedId = "partner-" + unique();
		tenant.post(LOGIN, Map.of("associatedId", associatedId));

		Api.Answer answer = api()
			.send(tenant.sign(Call.of("POST", "/user-rest/action/changeMobileByTenant?associatedId=" + associatedId)
				.form("mobile=" + newMobile())));

		assertThat(answer.code()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "12345", "abc", "+1 000", "1380013800", "010-12345678" })
	void changeMobileRejectsInvalidNumbers(String mobile) {
		TenantClient tenant = newTenant();
		String associatedId = "partner-" + unique();
		tenant.post(LOGIN, Map.of("associatedId", associatedId));

		Api.Answer answer = tenant.post("/user-rest/action/changeMobileByTenant?associatedId=" + associatedId,
				Map.of("mobile", mobile));

		assertThat(answer.code()).isEqualTo(40000);
		assertThat(answer.data().path("errors").get(0).path("field").asString()).isEqualTo("mobile");
	}

	@Test
	void changeMobileToATakenNumberAnswers40900AndKeepsTheOldOne() {
		TenantClient tenant = newTenant();
		String owner = "partner-" + unique();
		String other = "partner-" + unique();
		tenant.post(LOGIN, Map.of("associatedId", owner));
		String otherToken = tenant.post(LOGIN, Map.of("associatedId", other)).data().path("accessToken").asString();
		String mobile = newMobile();
		String otherMobile = newMobile();
		tenant.post("/user-rest/action/changeMobileByTenant?associatedId=" + owner, Map.of("mobile", mobile));
		tenant.post("/user-rest/action/changeMobileByTenant?associatedId=" + other, Map.of("mobile", otherMobile));

		Api.Answer answer = tenant.post("/user-rest/action/changeMobileByTenant?associatedId=" + other,
				Map.of("mobile", mobile));

		assertThat(answer.status()).isEqualTo(409);
		assertThat(answer.code()).isEqualTo(40900);
		assertThat(answer.data().isNull()).isTrue();
		assertThat(api().get("/api/v1/users/me", otherToken).data().path("mobile").asString())
			.isEqualTo("+86" + otherMobile);
	}

	@Test
	void changeMobileToItsOwnNumberSucceeds() {
		TenantClient tenant = newTenant();
		String associatedId = "partner-" + unique();
		tenant.post(LOGIN, Map.of("associatedId", associatedId));
		String mobile = newMobile();
		String path = "/user-rest/action/changeMobileByTenant?associatedId=" + associatedId;
		tenant.post(path, Map.of("mobile", mobile));

		assertThat(tenant.post(path, Map.of("mobile", mobile)).code()).isEqualTo(200);
	}

	@Test
	void twoUsersRacingForOneMobileOneWins() throws Exception {
		TenantClient tenant = newTenant();
		String mobile = newMobile();
		List<Callable<Api.Answer>> calls = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			String associatedId = "racer-" + unique();
			tenant.post(LOGIN, Map.of("associatedId", associatedId));
			calls.add(() -> tenant.post("/user-rest/action/changeMobileByTenant?associatedId=" + associatedId,
					Map.of("mobile", mobile)));
		}

		List<Api.Answer> answers = runTogether(calls);

		assertThat(answers.stream().filter((a) -> a.code() == 200)).hasSize(1);
		assertThat(answers.stream().filter((a) -> a.code() == 40900)).hasSize(5);
	}

	@Test
	void changeMobileOfUnknownAssociatedIdAnswers40401() {
		Api.Answer answer = newTenant().post("/user-rest/action/changeMobileByTenant?associatedId=nobody-" + unique(),
				Map.of("mobile", newMobile()));

		assertThat(answer.code()).isEqualTo(40401);
	}

	@Test
	void changeMobileWithoutAssociatedIdAnswers40000() {
		Api.Answer answer = newTenant().post("/user-rest/action/changeMobileByTenant", Map.of("mobile", newMobile()));

		assertThat(answer.code()).isEqualTo(40000);
	}

	@Test
	void tenantCannotReachAnotherTenantsUsers() {
		TenantClient owner = newTenant();
		TenantClient intruder = newTenant();
		String associatedId = "partner-" + unique();
		owner.post(LOGIN, Map.of("associatedId", associatedId));

		Api.Answer mobile = intruder.post("/user-rest/action/changeMobileByTenant?associatedId=" + associatedId,
				Map.of("mobile", newMobile()));
		Api.Answer detail = intruder.post("/user-rest/userInfo/updateUserDetail?associatedId=" + associatedId,
				Map.of("name", "hijack"));
		Api.Answer login = intruder.post(LOGIN, Map.of("associatedId", associatedId, "notCreate", true));

		assertThat(mobile.code()).isEqualTo(40401);
		assertThat(detail.code()).isEqualTo(40401);
		assertThat(login.code()).isEqualTo(40401);
	}

	@Test
	void userTokenCannotCallTheTenantApi() {
		TenantClient tenant = newTenant();
		String token = tenant.post(LOGIN, Map.of("associatedId", "p-" + unique()))
			.data()
			.path("accessToken")
			.asString();

		Api.Answer answer = api().post(LOGIN, Map.of("associatedId", "x"), token);

		assertThat(answer.code()).isEqualTo(40103);
	}

	@Test
	void updateUserDetailAnswersWhetherSomethingChanged() {
		TenantClient tenant = newTenant();
		String associatedId = "partner-" + unique();
		String token = tenant.post(LOGIN, Map.of("associatedId", associatedId)).data().path("accessToken").asString();
		String path = "/user-rest/userInfo/updateUserDetail?associatedId=" + associatedId;
		Map<String, Object> detail = Map.of("name", "新名字", "headImg", "https://cdn.example.com/a.png", "sex", 2,
				"birthday", 946656000000L, "height", 168, "waist", 70);

		Api.Answer changed = tenant.post(path, detail);
		Api.Answer same = tenant.post(path, detail);
		Api.Answer empty = tenant.post(path, Map.of());

		assertThat(changed.data().asBoolean()).isTrue();
		assertThat(same.code()).isEqualTo(200);
		assertThat(same.data().isBoolean()).isTrue();
		assertThat(same.data().asBoolean()).isFalse();
		assertThat(empty.data().asBoolean()).isFalse();
		JsonNode me = api().get("/api/v1/users/me", token).data();
		assertThat(me.path("nickname").asString()).isEqualTo("新名字");
		assertThat(me.path("avatar").asString()).isEqualTo("https://cdn.example.com/a.png");
		assertThat(me.path("birthday").asLong()).isEqualTo(946656000000L);
		assertThat(me.path("height").asInt()).isEqualTo(168);
	}

	@Test
	void updateUserDetailChangesOnlyTheGivenFields() {
		TenantClient tenant = newTenant();
		String associatedId = "partner-" + unique();
		String token = tenant.post(LOGIN, Map.of("associatedId", associatedId, "userName", "原名", "height", 170))
			.data()
			.path("accessToken")
			.asString();

		Api.Answer answer = tenant.post("/user-rest/userInfo/updateUserDetail?associatedId=" + associatedId,
				Map.of("waist", 75));

		assertThat(answer.data().asBoolean()).isTrue();
		JsonNode me = api().get("/api/v1/users/me", token).data();
		assertThat(me.path("nickname").asString()).isEqualTo("原名");
		assertThat(me.path("height").asInt()).isEqualTo(170);
		assertThat(me.path("waist").asInt()).isEqualTo(75);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"height\":999}", "{\"sex\":3}", "{\"headImg\":\"javascript:alert(1)\"}",
			"{\"name\":\"\"}", "{\"birthday\":99999999999999}" })
	void updateUserDetailRejectsInvalidFields(String body) {
		TenantClient tenant = newTenant();
		String associatedId = "partner-" + unique();
		tenant.post(LOGIN, Map.of("associatedId", associatedId));

		Api.Answer answer = tenant.post("/user-rest/userInfo/updateUserDetail?associatedId=" + associatedId, body);

		assertThat(answer.code()).as(answer.toString()).isEqualTo(40000);
	}

	@Test
	void updateUserDetailOfUnknownAssociatedIdAnswers40401() {
		Api.Answer answer = newTenant().post("/user-rest/userInfo/updateUserDetail?associatedId=nobody-" + unique(),
				Map.of("name", "x"));

		assertThat(answer.code()).isEqualTo(40401);
	}

	@Test
	void tenantLoginIsAudited() {
		TenantClient tenant = newTenant();
		Api.Answer login = tenant.post(LOGIN, Map.of("associatedId", "audited-" + unique()));

		assertThat(login.code()).isEqualTo(200);
		assertThat(auditCount("tenant_login", login.data().path("userId").asLong(), tenant.key())).isEqualTo(1);
	}

	@org.springframework.beans.factory.annotation.Autowired
	private org.springframework.jdbc.core.simple.JdbcClient jdbc;

	private long auditCount(String type, long userId, String tenantKey) {
		return this.jdbc.sql("select count(*) from audit_event where type = ? and user_id = ? and tenant_key = ?")
			.params(type, userId, tenantKey)
			.query(Long.class)
			.single();
	}

	private static String sessionOf(String jwt) {
		String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
		return Api.JSON.readTree(payload).path("sid").asString();
	}

}
