package com.usercenter.binding;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.usercenter.support.Api;
import com.usercenter.support.Api.Call;
import com.usercenter.support.ApiTestBase;
import com.usercenter.support.TestDeliveries;
import com.usercenter.support.TestSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Social sign-in and identities against fake WeChat, Weibo and QQ servers that answer in
 * each provider's documented shapes.
 */
@ExtendWith(OutputCaptureExtension.class)
class SocialIntegrationTest extends ApiTestBase {

	@Autowired
	private JdbcClient jdbc;

	private final WireMockServer providers = TestDeliveries.webhook();

	@Test
	void wechatCodeCreatesTheAccountOnceFromTheProvidersProfile() {
		String openId = "o6_" + unique();
		wechat("code-a-" + openId, openId, "微信用户", "https://thirdwx.qlogo.cn/a.png");
		wechat("code-b-" + openId, openId, "微信用户", "https://thirdwx.qlogo.cn/a.png");

		Api.Answer first = social(Map.of("provider", "wechat", "code", "code-a-" + openId));
		Api.Answer second = social(Map.of("provider", "wechat", "code", "code-b-" + openId));

		assertThat(first.code()).as(first.toString()).isEqualTo(200);
		assertThat(first.data().path("needInfo").asBoolean()).isTrue();
		assertThat(first.data().path("user").path("nickname").asString()).isEqualTo("微信用户");
		assertThat(first.data().path("user").path("avatar").asString()).isEqualTo("https://thirdwx.qlogo.cn/a.png");
		assertThat(second.data().path("needInfo").asBoolean()).isFalse();
		assertThat(second.data().path("userId").asLong()).isEqualTo(first.data().path("userId").asLong());
		assertThat(this.jdbc.sql("select union_id from user_identity where subject = ?")
			.param(openId)
			.query(String.class)
			.single()).isEqualTo("union-" + openId);
		assertThat(exists("wechat", openId)).isTrue();
	}

	@Test
	void wechatErrorCodeAnswers40105() {
		this.providers
			.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token")).withQueryParam("code", equalTo("bad-code"))
				.willReturn(okJson("{\"errcode\":40029,\"errmsg\":\"invalid code\"}")));

		Api.Answer answer = social(Map.of("provider", "wechat", "code", "bad-code"));

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.code()).isEqualTo(40105);
	}

	@Test
	void providerFailureAnswers50200AndSlownessIsCutOff() {
		this.providers.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token")).withQueryParam("code", equalTo("down"))
			.willReturn(serverError()));
		this.providers.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token")).withQueryParam("code", equalTo("slow"))
			.willReturn(okJson("{}").withFixedDelay(4000)));
		long started = System.nanoTime();

		Api.Answer down = social(Map.of("provider", "wechat", "code", "down"));
		Api.Answer slow = social(Map.of("provider", "wechat", "code", "slow"));

		assertThat(down.status()).isEqualTo(502);
		assertThat(down.code()).isEqualTo(50200);
		assertThat(slow.code()).isEqualTo(50200);
		assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(3500);
	}

	@Test
	void weiboTokenMustBelongToTheUid() {
		String uid = Long.toString(System.nanoTime() % 10_000_000_000L);
		String token = "wb-" + unique();
		this.providers
			.stubFor(post(urlPathEqualTo("/oauth2/get_token_info")).withQueryParam("access_token", equalTo(token))
				.willReturn(okJson("{\"uid\":" + uid
						+ ",\"appkey\":\"123\",\"scope\":\"\",\"create_at\":1,\"expire_in\":157679471}")));
		this.providers.stubFor(get(urlPathEqualTo("/2/users/show.json")).withQueryParam("access_token", equalTo(token))
			.willReturn(okJson("{\"id\":" + uid
					+ ",\"screen_name\":\"微博达人\",\"avatar_large\":\"https://tva1.sinaimg.cn/a.jpg\"}")));

		Api.Answer right = social(Map.of("provider", "weibo", "accessToken", token, "uid", uid));
		Api.Answer wrongUid = social(Map.of("provider", "weibo", "accessToken", token, "uid", "1"));

		assertThat(right.code()).as(right.toString()).isEqualTo(200);
		assertThat(right.data().path("user").path("nickname").asString()).isEqualTo("微博达人");
		assertThat(wrongUid.code()).isEqualTo(40105);
	}

	@Test
	void tokensIssuedToAnotherAppAreRefused() {
		String uid = Long.toString(System.nanoTime() % 10_000_000_000L);
		String weibo = "wb-" + unique();
		this.providers
			.stubFor(post(urlPathEqualTo("/oauth2/get_token_info")).withQueryParam("access_token", equalTo(weibo))
				.willReturn(okJson("{\"uid\":" + uid
						+ ",\"appkey\":\"999\",\"scope\":\"\",\"create_at\":1,\"expire_in\":157679471}")));
		String openId = "QQ" + unique().toUpperCase();
		String qq = "qq-" + unique();
		this.providers.stubFor(get(urlPathEqualTo("/oauth2.0/me")).withQueryParam("access_token", equalTo(qq))
			.willReturn(aResponse().withHeader("Content-Type", "text/html")
				.withBody("callback( {\"client_id\":\"another-app\",\"openid\":\"" + openId + "\"} );")));

		assertThat(social(Map.of("provider", "weibo", "accessToken", weibo, "uid", uid)).code()).isEqualTo(40105);
		assertThat(social(Map.of("provider", "qq", "accessToken", qq, "openId", openId)).code()).isEqualTo(40105);
	}

	@Test
	void weiboErrorPayloadAnswers40105() {
		this.providers
			.stubFor(post(urlPathEqualTo("/oauth2/get_token_info")).withQueryParam("access_token", equalTo("expired"))
				.willReturn(aResponse().withStatus(400)
					.withHeader("Content-Type", "application/json")
					.withBody("{\"error\":\"expired_token\",\"error_code\":21327}")));

		assertThat(social(Map.of("provider", "weibo", "accessToken", "expired", "uid", "1")).code()).isEqualTo(40105);
	}

	@Test
	void qqOpenIdMustMatchIncludingTheJsonpShape() {
		String openId = "QQ" + unique().toUpperCase();
		String token = "qq-" + unique();
		this.providers.stubFor(get(urlPathEqualTo("/oauth2.0/me")).withQueryParam("access_token", equalTo(token))
			.willReturn(aResponse().withHeader("Content-Type", "text/html")
				.withBody("callback( {\"client_id\":\"qq-test-app\",\"openid\":\"" + openId + "\"} );")));
		this.providers.stubFor(get(urlPathEqualTo("/user/get_user_info")).withQueryParam("openid", equalTo(openId))
			.willReturn(okJson(
					"{\"ret\":0,\"msg\":\"\",\"nickname\":\"QQ玩家\",\"figureurl_qq_2\":\"https://thirdqq.qlogo.cn/a\"}")));

		Api.Answer right = social(Map.of("provider", "qq", "accessToken", token, "openId", openId));
		Api.Answer wrong = social(Map.of("provider", "qq", "accessToken", token, "openId", "someone-else"));

		assertThat(right.code()).as(right.toString()).isEqualTo(200);
		assertThat(right.data().path("user").path("nickname").asString()).isEqualTo("QQ玩家");
		assertThat(wrong.code()).isEqualTo(40105);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"provider\":\"wechat\"}", "{\"provider\":\"weibo\",\"accessToken\":\"t\"}",
			"{\"provider\":\"qq\",\"accessToken\":\"t\"}", "{\"provider\":\"qq\",\"openId\":\"o\"}",
			"{\"provider\":\"facebook\",\"accessToken\":\"t\"}", "{}" })
	void incompleteCredentialsAnswer40000(String body) {
		assertThat(api().post("/api/v1/auth/login/social", body).code()).isEqualTo(40000);
	}

	@Test
	void concurrentFirstSignInsOfOneIdentityCreateOneUser() throws Exception {
		String openId = "o6_" + unique();
		List<Callable<Api.Answer>> calls = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			String code = "race-" + i + "-" + openId;
			wechat(code, openId, "并发", null);
			calls.add(() -> social(Map.of("provider", "wechat", "code", code)));
		}

		List<Api.Answer> answers = runTogether(calls);

		assertThat(answers).allSatisfy((a) -> assertThat(a.code()).as(a.toString()).isEqualTo(200));
		assertThat(answers.stream().map((a) -> a.data().path("userId").asLong()).distinct()).hasSize(1);
		assertThat(answers.stream().filter((a) -> a.data().path("needInfo").asBoolean())).hasSize(1);
	}

	@Test
	void bindListAndUnbind() {
		String mobile = newMobile();
		String token = codeLogin(mobile);
		String openId = "o6_" + unique();
		wechat("bind-" + openId, openId, "x", null);

		Api.Answer bound = api().post("/api/v1/users/me/identities",
				Map.of("provider", "wechat", "code", "bind-" + openId), token);
		JsonNode list = api().get("/api/v1/users/me/identities", token).data();
		Api.Answer unbound = api().send(Call.of("DELETE", "/api/v1/users/me/identities/wechat").bearer(token));
		Api.Answer last = api().send(Call.of("DELETE", "/api/v1/users/me/identities/mobile").bearer(token));

		assertThat(bound.code()).as(bound.toString()).isEqualTo(200);
		assertThat(bound.data().path("subject").asString()).isEqualTo(SignInMethod.mask(openId)).doesNotContain(openId);
		assertThat(list.findValuesAsString("provider")).containsExactly("mobile", "wechat");
		assertThat(list.get(0).path("subject").asString()).contains("****");
		assertThat(unbound.code()).isEqualTo(200);
		assertThat(last.status()).isEqualTo(409);
		assertThat(last.code()).isEqualTo(40903);
		assertThat(exists("wechat", openId)).isFalse();
	}

	@Test
	void racingUnbindsOfTheLastTwoWaysLeaveOne() throws Exception {
		String token = codeLogin(newMobile());
		String openId = "o6_" + unique();
		wechat("race-" + openId, openId, "x", null);
		assertThat(
				api().post("/api/v1/users/me/identities", Map.of("provider", "wechat", "code", "race-" + openId), token)
					.code())
			.isEqualTo(200);

		List<Api.Answer> answers = runTogether(
				List.of(() -> api().send(Call.of("DELETE", "/api/v1/users/me/identities/mobile").bearer(token)),
						() -> api().send(Call.of("DELETE", "/api/v1/users/me/identities/wechat").bearer(token))));

		assertThat(answers.stream().map(Api.Answer::code)).as(answers.toString()).containsExactlyInAnyOrder(200, 40903);
		assertThat(api().get("/api/v1/users/me/identities", token).data()).hasSize(1);
	}

	@Test
	void identityOfAnotherUserAnswers40902WithNeedMerge() {
		String openId = "o6_" + unique();
		wechat("owner-" + openId, openId, "x", null);
		wechat("second-" + openId, openId, "x", null);
		social(Map.of("provider", "wechat", "code", "owner-" + openId));
		String other = codeLogin(newMobile());

		Api.Answer answer = api().post("/api/v1/users/me/identities",
				Map.of("provider", "wechat", "code", "second-" + openId), other);

		assertThat(answer.code()).isEqualTo(40902);
		assertThat(answer.data().path("needMerge").asBoolean()).isTrue();
	}

	@Test
	void twoUsersRacingToBindOneIdentityOneWins() throws Exception {
		String openId = "o6_" + unique();
		wechat("r1-" + openId, openId, "x", null);
		wechat("r2-" + openId, openId, "x", null);
		String first = codeLogin(newMobile());
		String second = codeLogin(newMobile());

		List<Api.Answer> answers = runTogether(List.of(
				() -> api().post("/api/v1/users/me/identities", Map.of("provider", "wechat", "code", "r1-" + openId),
						first),
				() -> api().post("/api/v1/users/me/identities", Map.of("provider", "wechat", "code", "r2-" + openId),
						second)));

		assertThat(answers.stream().map(Api.Answer::code)).containsExactlyInAnyOrder(200, 40902);
	}

	@Test
	void theOnlyWayToSignInCannotBeUnbound() {
		String openId = "o6_" + unique();
		wechat("only-" + openId, openId, "x", null);
		String token = social(Map.of("provider", "wechat", "code", "only-" + openId)).data()
			.path("accessToken")
			.asString();

		Api.Answer answer = api().send(Call.of("DELETE", "/api/v1/users/me/identities/wechat").bearer(token));
		Api.Answer none = api().send(Call.of("DELETE", "/api/v1/users/me/identities/qq").bearer(token));
		Api.Answer bad = api().send(Call.of("DELETE", "/api/v1/users/me/identities/facebook").bearer(token));

		assertThat(answer.code()).isEqualTo(40903);
		assertThat(none.code()).isEqualTo(40400);
		assertThat(bad.code()).isEqualTo(40000);
	}

	@Test
	void disabledAccountCannotSignInSocially() {
		String openId = "o6_" + unique();
		wechat("d1-" + openId, openId, "x", null);
		wechat("d2-" + openId, openId, "x", null);
		long id = social(Map.of("provider", "wechat", "code", "d1-" + openId)).data().path("userId").asLong();
		this.jdbc.sql("update app_user set status = 'disabled' where id = ?").param(id).update();

		assertThat(social(Map.of("provider", "wechat", "code", "d2-" + openId)).code()).isEqualTo(40301);
	}

	@Test
	void theWechatAppAndTheMiniProgramWithOneUnionIdAreOneUserInEitherOrder() {
		String appFirst = "union-a-" + unique();
		wechatApp("app-" + appFirst, "oApp" + unique(), appFirst);
		miniProgram("mini-" + appFirst, "oMini" + unique(), appFirst);
		String miniFirst = "union-m-" + unique();
		wechatApp("app-" + miniFirst, "oApp" + unique(), miniFirst);
		miniProgram("mini-" + miniFirst, "oMini" + unique(), miniFirst);

		Api.Answer app = social(Map.of("provider", "wechat", "code", "app-" + appFirst));
		Api.Answer mini = social(Map.of("provider", "wechat_mini", "code", "mini-" + appFirst));
		Api.Answer mini2 = social(Map.of("provider", "wechat_mini", "code", "mini-" + miniFirst));
		Api.Answer app2 = social(Map.of("provider", "wechat", "code", "app-" + miniFirst));

		assertThat(app.code()).as(app.toString()).isEqualTo(200);
		assertThat(mini.code()).as(mini.toString()).isEqualTo(200);
		assertThat(mini.data().path("userId").asLong()).isEqualTo(app.data().path("userId").asLong());
		assertThat(mini.data().path("needInfo").asBoolean()).isFalse();
		assertThat(app2.data().path("userId").asLong()).isEqualTo(mini2.data().path("userId").asLong());
		assertThat(mini2.data().path("needInfo").asBoolean()).isTrue();
	}

	@Test
	void theAppAndTheMiniProgramSigningInFirstAtOnceMakeOneUser() throws Exception {
		for (int round = 0; round < 3; round++) {
			String union = "union-race-" + unique();
			wechatApp("app-" + union, "oApp" + unique(), union);
			miniProgram("mini-" + union, "oMini" + unique(), union);

			List<Api.Answer> answers = runTogether(
					List.of(() -> social(Map.of("provider", "wechat", "code", "app-" + union)),
							() -> social(Map.of("provider", "wechat_mini", "code", "mini-" + union))));

			assertThat(answers).allSatisfy((answer) -> assertThat(answer.code()).isEqualTo(200));
			assertThat(answers.get(0).data().path("userId").asLong())
				.isEqualTo(answers.get(1).data().path("userId").asLong());
			assertThat(this.jdbc.sql("select count(distinct user_id) from user_identity where union_id = ?")
				.param(union)
				.query(Long.class)
				.single()).isEqualTo(1);
		}
	}

	/**
	 * Review 3, finding 10: binding the mini-program ignored the unionid, so one person's
	 * WeChat app and mini-program became two accounts.
	 */
	@Test
	void bindingTheMiniProgramOfAnotherAccountsWechatAnswers40902AndKeepsOnePersonOneAccount() {
		String union = "union-bind-" + unique();
		wechatApp("app-" + union, "oApp" + unique(), union);
		miniProgram("mini-" + union, "oMini" + unique(), union);
		long owner = social(Map.of("provider", "wechat", "code", "app-" + union)).data().path("userId").asLong();
		String someoneElse = codeLogin(newMobile());

		Api.Answer bound = api().post("/api/v1/users/me/identities",
				Map.of("provider", "wechat_mini", "code", "mini-" + union), someoneElse);
		Api.Answer mini = social(Map.of("provider", "wechat_mini", "code", "mini-" + union));

		assertThat(bound.code()).as(bound.toString()).isEqualTo(40902);
		assertThat(bound.data().path("needMerge").asBoolean()).isTrue();
		assertThat(this.jdbc.sql("select count(distinct user_id) from user_identity where union_id = ?")
			.param(union)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(mini.data().path("userId").asLong()).as(mini.toString()).isEqualTo(owner);
	}

	@Test
	void theOwnerBindsItsOwnMiniProgram() {
		String union = "union-own-" + unique();
		wechatApp("app-" + union, "oApp" + unique(), union);
		miniProgram("mini-" + union, "oMini" + unique(), union);
		Api.Answer app = social(Map.of("provider", "wechat", "code", "app-" + union));
		assertThat(app.code()).as(app.toString()).isEqualTo(200);

		Api.Answer bound = api().post("/api/v1/users/me/identities",
				Map.of("provider", "wechat_mini", "code", "mini-" + union), app.data().path("accessToken").asString());

		assertThat(bound.code()).as(bound.toString()).isEqualTo(200);
	}

	@Test
	void aMiniProgramCodeWeChatRefusesIs40105() {
		this.providers
			.stubFor(get(urlPathEqualTo("/sns/jscode2session")).withQueryParam("js_code", equalTo("used-code"))
				.willReturn(okJson("{\"errcode\":40163,\"errmsg\":\"code been used\"}")));

		assertThat(social(Map.of("provider", "wechat_mini", "code", "used-code")).code()).isEqualTo(40105);
	}

	/**
	 * Finding 4 of review 3: a code read as a URI template answered 50000 and logged the
	 * WeChat AppSecret. Every provider, configured, gets hostile codes and tokens: each
	 * answer is an envelope of an input fault or a provider's refusal, and no secret the
	 * service holds reaches the output.
	 */
	@Test
	void hostileCodesAndTokensAreRefusedWithoutAnySecretReachingTheLog(CapturedOutput output) {
		refuseWhatIsNotStubbed();
		String bearer = codeLogin(newMobile());
		List<String> hostile = List.of("{x}", "{", "}", "{{x}}", "%", "%7Bx%7D", "%zz", "a b", "a+b", "测试😀",
				"line\r\nX-Injected: 1", "../../etc/passwd", "?&=#", "x&secret=mine#frag", "nul\0", "x".repeat(20_000));
		List<Api.Answer> answers = new ArrayList<>();
		for (String value : hostile) {
			for (Map<String, Object> body : List.<Map<String, Object>>of(Map.of("provider", "wechat", "code", value),
					Map.of("provider", "wechat_mini", "code", value),
					Map.of("provider", "weibo", "accessToken", value, "uid", value),
					Map.of("provider", "weibo", "accessToken", value, "uid", "1"),
					Map.of("provider", "qq", "accessToken", value, "openId", value),
					Map.of("provider", "apple", "identityToken", value, "nonce", value),
					Map.of("provider", "apple", "identityToken", value, "authorizationCode", value))) {
				answers.add(social(body));
				answers.add(api().post("/api/v1/users/me/identities", body, bearer));
			}
		}

		assertThat(answers).allSatisfy((answer) -> {
			assertThat(answer.status()).as(answer.toString()).isBetween(400, 599);
			assertThat(answer.code() / 100).as(answer.toString()).isEqualTo(answer.status());
			assertThat(answer.code()).as(answer.toString()).isNotEqualTo(50000);
		});
		assertThat(output.getAll()).doesNotContain("Unexpected failure");
		assertThat(TestSecrets.providerSecrets()).allSatisfy(
				(secret) -> assertThat(output.getAll()).as("a provider secret in the output").doesNotContain(secret));
	}

	/**
	 * What no test stubbed is refused by the fake providers the way each refuses a bad
	 * credential (WireMock would otherwise print the unmatched request, query included).
	 */
	private void refuseWhatIsNotStubbed() {
		this.providers.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token")).atPriority(10)
			.willReturn(okJson("{\"errcode\":40029,\"errmsg\":\"invalid code\"}")));
		this.providers.stubFor(get(urlPathEqualTo("/sns/jscode2session")).atPriority(10)
			.willReturn(okJson("{\"errcode\":40029,\"errmsg\":\"invalid code\"}")));
		this.providers.stubFor(post(urlPathEqualTo("/oauth2/get_token_info")).atPriority(10)
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":\"invalid_access_token\",\"error_code\":21332}")));
		this.providers.stubFor(get(urlPathEqualTo("/oauth2.0/me")).atPriority(10)
			.willReturn(okJson("{\"error\":100016,\"error_description\":\"access token check failed\"}")));
		this.providers.stubFor(post(urlPathEqualTo("/auth/token")).atPriority(10)
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":\"invalid_grant\"}")));
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

	private void wechat(String code, String openId, String nickname, String avatar) {
		this.providers.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token")).withQueryParam("code", equalTo(code))
			.withQueryParam("appid", equalTo("wx-test-app"))
			.willReturn(aResponse().withHeader("Content-Type", "text/plain")
				.withBody("{\"access_token\":\"at-" + code
						+ "\",\"expires_in\":7200,\"refresh_token\":\"rt\",\"openid\":\"" + openId
						+ "\",\"scope\":\"snsapi_userinfo\",\"unionid\":\"union-" + openId + "\"}")));
		this.providers
			.stubFor(get(urlPathEqualTo("/sns/userinfo")).withQueryParam("access_token", equalTo("at-" + code))
				.willReturn(okJson("{\"openid\":\"" + openId + "\",\"nickname\":\"" + nickname
						+ "\",\"sex\":1,\"headimgurl\":" + ((avatar != null) ? "\"" + avatar + "\"" : "\"\"")
						+ ",\"unionid\":\"union-" + openId + "\"}")));
	}

	private Api.Answer social(Map<String, Object> body) {
		return api().post("/api/v1/auth/login/social", body);
	}

	private String codeLogin(String mobile) {
		return api().post("/api/v1/auth/login/code", Map.of("mobile", mobile, "code", smsCode(mobile, "login")))
			.data()
			.path("accessToken")
			.asString();
	}

	private boolean exists(String type, String identity) {
		return api()
			.send(Call.of("POST", "/api/v1/auth/exists").json(Map.of("type", type, "identity", identity)).from(newIp()))
			.data()
			.path("exists")
			.asBoolean();
	}

}
