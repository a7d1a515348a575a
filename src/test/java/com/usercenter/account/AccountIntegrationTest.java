package com.usercenter.account;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.usercenter.support.Api;
import com.usercenter.support.Api.Call;
import com.usercenter.support.ApiTestBase;
import com.usercenter.support.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Register, code login, password login with lockout, reset and exists, over HTTP with
 * real delivery.
 */
class AccountIntegrationTest extends ApiTestBase {

	private static final String PASSWORD = "Str0ng-enough";

	@Autowired
	private JdbcClient jdbc;

	@Test
	void registerWithMobileThenSignInWithThePassword() {
		String mobile = newMobile();
		String code = smsCode(mobile, "register");

		Api.Answer registered = api().post("/api/v1/auth/register",
				Map.of("mobile", mobile, "password", PASSWORD, "code", code, "nickname", "小明"));
		Api.Answer login = api().post("/api/v1/auth/login/password",
				Map.of("account", "+86 " + mobile, "password", PASSWORD));

		assertThat(registered.code()).as(registered.toString()).isEqualTo(200);
		JsonNode data = registered.data();
		assertThat(data.path("needInfo").asBoolean()).isTrue();
		assertThat(data.path("accessToken").asString()).isNotBlank();
		assertThat(data.path("user").path("mobile").asString()).isEqualTo("+86" + mobile);
		assertThat(data.path("user").path("nickname").asString()).isEqualTo("小明");
		assertThat(data.path("user").path("hasPassword").asBoolean()).isTrue();
		assertThat(login.code()).isEqualTo(200);
		assertThat(login.data().path("userId").asLong()).isEqualTo(data.path("userId").asLong());
		assertThat(login.data().path("needInfo").asBoolean()).isFalse();
	}

	@Test
	void registerWithEmailStoresItLowerCase() {
		String email = newEmail();
		String code = emailCode(email, "register");

		Api.Answer registered = api().post("/api/v1/auth/register",
				Map.of("email", email.toUpperCase(), "password", PASSWORD, "code", code));

		assertThat(registered.code()).as(registered.toString()).isEqualTo(200);
		assertThat(registered.data().path("user").path("email").asString()).isEqualTo(email);
		assertThat(api().post("/api/v1/auth/login/password", Map.of("account", email, "password", PASSWORD)).code())
			.isEqualTo(200);
	}

	@Test
	void registerWithATicketInsteadOfACode() {
		String mobile = newMobile();
		String ticket = ticket(mobile, "register");

		Api.Answer registered = api().post("/api/v1/auth/register",
				Map.of("mobile", mobile, "password", PASSWORD, "ticket", ticket));
		Api.Answer again = api().post("/api/v1/auth/register",
				Map.of("mobile", newMobile(), "password", PASSWORD, "ticket", ticket));

		assertThat(registered.code()).isEqualTo(200);
		assertThat(again.code()).as("ticket is for another mobile, and used").isEqualTo(40004);
	}

	@Test
	void ticketForAnotherPurposeIsRefused() {
		String mobile = newMobile();
		String ticket = ticket(mobile, "verify");

		Api.Answer answer = api().post("/api/v1/auth/register",
				Map.of("mobile", mobile, "password", PASSWORD, "ticket", ticket));

		assertThat(answer.code()).isEqualTo(40004);
	}

	@Test
	void registeringATakenMobileAnswers40900AndKeepsTheCodeGood() {
		String mobile = register();
		ageSends("+86" + mobile);
		String code = smsCode(mobile, "register");

		Api.Answer taken = api().post("/api/v1/auth/register",
				Map.of("mobile", mobile, "password", PASSWORD, "code", code));

		assertThat(taken.status()).isEqualTo(409);
		assertThat(taken.code()).isEqualTo(40900);
		assertThat(taken.data().isNull()).as("no userId for non-admin callers").isTrue();
		assertThat(api()
			.post("/api/v1/verification-codes/verify", Map.of("target", mobile, "purpose", "register", "code", code))
			.code()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "short1", "onlyletters", "1234567890", "password123", "Qwerty123", "woaini1314",
			"a1aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" })
	void weakPasswordsAnswer40005AndKeepTheCodeGood(String password) {
		String mobile = newMobile();
		String code = smsCode(mobile, "register");

		Api.Answer answer = api().post("/api/v1/auth/register",
				Map.of("mobile", mobile, "password", password, "code", code));

		assertThat(answer.code()).isEqualTo(40005);
		assertThat(api().post("/api/v1/auth/register", Map.of("mobile", mobile, "password", PASSWORD, "code", code))
			.code()).isEqualTo(200);
	}

	@Test
	void md5HexFromOldClientsIsAcceptedAsThePassword() {
		String mobile = newMobile();
		String md5 = "e10adc3949ba59abbe56e057f20f883e";

		Api.Answer answer = api().post("/api/v1/auth/register",
				Map.of("mobile", mobile, "password", md5, "code", smsCode(mobile, "register")));

		assertThat(answer.code()).isEqualTo(200);
		assertThat(api().post("/api/v1/auth/login/password", Map.of("account", mobile, "password", md5)).code())
			.isEqualTo(200);
	}

	@Test
	void twoRegistrationsOfOneMobileAtOnceOneWins() throws Exception {
		String mobile = newMobile();
		String first = ticket(mobile, "register");
		ageSends("+86" + mobile);
		String second = ticket(mobile, "register");
		List<Callable<Api.Answer>> calls = List.of(
				() -> api().post("/api/v1/auth/register",
						Map.of("mobile", mobile, "password", PASSWORD, "ticket", first)),
				() -> api().post("/api/v1/auth/register",
						Map.of("mobile", mobile, "password", PASSWORD, "ticket", second)));

		List<Api.Answer> answers = runTogether(calls);

		assertThat(answers.stream().map(Api.Answer::code)).containsExactlyInAnyOrder(200, 40900);
		assertThat(this.jdbc.sql("select count(*) from app_user where mobile = ?")
			.param("+86" + mobile)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void tenRegistrationsWithOneTicketLetOneThrough() throws Exception {
		String mobile = newMobile();
		String ticket = ticket(mobile, "register");
		List<Callable<Api.Answer>> calls = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			calls.add(() -> api().post("/api/v1/auth/register",
					Map.of("mobile", mobile, "password", PASSWORD, "ticket", ticket)));
		}

		List<Api.Answer> answers = runTogether(calls);

		assertThat(answers.stream().filter((a) -> a.code() == 200)).hasSize(1);
		assertThat(answers).allSatisfy((a) -> assertThat(a.code()).isIn(200, 40004, 40900));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"password\":\"Str0ng-enough\",\"code\":\"123456\"}",
			"{\"mobile\":\"13800138000\",\"email\":\"a@example.com\",\"password\":\"Str0ng-enough\",\"code\":\"123456\"}",
			"{\"mobile\":\"13800138000\",\"password\":\"Str0ng-enough\"}",
			"{\"mobile\":\"13800138000\",\"password\":\"Str0ng-enough\",\"code\":\"123456\",\"ticket\":\"x\"}",
			"{\"mobile\":\"12345\",\"password\":\"Str0ng-enough\",\"code\":\"123456\"}",
			"{\"email\":\"13800138000\",\"password\":\"Str0ng-enough\",\"code\":\"123456\"}",
			"{\"mobile\":\"13800138000\",\"code\":\"123456\"}",
			"{\"mobile\":\"13800138000\",\"password\":\"Str0ng-enough\",\"code\":\"12ab56\"}" })
	void invalidRegistrationsAnswer40000(String body) {
		assertThat(api().post("/api/v1/auth/register", body).code()).isEqualTo(40000);
	}

	@Test
	void codeLoginCreatesTheAccountOnceAndThenSignsIn() {
		String mobile = newMobile();

		Api.Answer first = api().post("/api/v1/auth/login/code",
				Map.of("mobile", mobile, "code", smsCode(mobile, "login")));
		ageSends("+86" + mobile);
		Api.Answer second = api().post("/api/v1/auth/login/code",
				Map.of("mobile", mobile, "code", smsCode(mobile, "login")));

		assertThat(first.code()).as(first.toString()).isEqualTo(200);
		assertThat(first.data().path("needInfo").asBoolean()).isTrue();
		assertThat(first.data().path("user").path("hasPassword").asBoolean()).isFalse();
		assertThat(second.data().path("needInfo").asBoolean()).isFalse();
		assertThat(second.data().path("userId").asLong()).isEqualTo(first.data().path("userId").asLong());
	}

	@Test
	void codeLoginByEmail() {
		String email = newEmail();

		Api.Answer answer = api().post("/api/v1/auth/login/code",
				Map.of("email", email, "code", emailCode(email, "login")));

		assertThat(answer.code()).isEqualTo(200);
		assertThat(answer.data().path("user").path("email").asString()).isEqualTo(email);
	}

	@Test
	void codeLoginWithAWrongCodeAnswers40002AndIsAudited() {
		String mobile = newMobile();
		String right = smsCode(mobile, "login");
		long before = count("select count(*) from audit_event where type = 'login_failure'");

		Api.Answer answer = api().post("/api/v1/auth/login/code",
				Map.of("mobile", mobile, "code", right.equals("000000") ? "000001" : "000000"));

		assertThat(answer.code()).isEqualTo(40002);
		assertThat(answer.data().path("attemptsLeft").asInt()).isEqualTo(4);
		assertThat(count("select count(*) from audit_event where type = 'login_failure'")).isGreaterThan(before);
	}

	@Test
	void anonymousSignInsCountTogetherPerClientAddress() {
		String ip = newIp();
		for (int i = 0; i < 30; i++) {
			assertThat(codeLogin(newMobile(), ip).code()).isEqualTo(40002);
		}

		List<Api.Answer> refused = List.of(codeLogin(newMobile(), ip),
				api().send(Call.of("POST", "/api/v1/auth/login/password")
					.json(Map.of("account", newMobile(), "password", PASSWORD))
					.from(ip)),
				api().send(Call.of("POST", "/api/v1/auth/login/social")
					.json(Map.of("provider", "wechat", "code", "made-up"))
					.from(ip)),
				api().send(Call.of("POST", "/api/v1/auth/password/reset")
					.json(Map.of("mobile", newMobile(), "code", "000000", "newPassword", "N3w-password"))
					.from(ip)));

		assertThat(refused).allSatisfy((answer) -> {
			assertThat(answer.code()).as(answer.toString()).isEqualTo(42900);
			assertThat(answer.status()).isEqualTo(429);
			assertThat(answer.header("Retry-After")).isNotNull();
			assertThat(answer.data().path("retryAfter").asLong()).isBetween(1L, 60L);
		});
		assertThat(codeLogin(newMobile(), newIp()).code()).as("another address").isEqualTo(40002);
		TestClock.advance(Duration.ofSeconds(61));
		assertThat(codeLogin(newMobile(), ip).code()).as("a minute later").isEqualTo(40002);
	}

	@Test
	void signInsThatSucceedAreGivenBackSoOnlyFailuresMeetTheGate() {
		String mobile = newMobile();
		String code = smsCode(mobile, "register");
		assertThat(api().post("/api/v1/auth/register", Map.of("mobile", mobile, "password", PASSWORD, "code", code))
			.code()).isEqualTo(200);
		String ip = newIp();

		List<Integer> successes = new java.util.ArrayList<>();
		for (int i = 0; i < 40; i++) {
			successes.add(
					api()
						.send(Call.of("POST", "/api/v1/auth/login/password")
							.json(Map.of("account", mobile, "password", PASSWORD))
							.from(ip))
						.code());
		}
		for (int i = 0; i < 30; i++) {
			codeLogin(newMobile(), ip);
		}

		assertThat(successes).as("forty sign-ins of an office behind one address").containsOnly(200);
		assertThat(codeLogin(newMobile(), ip).code()).as("failures still meet the gate").isEqualTo(42900);
	}

	@Test
	void anonymousSignInsCountTogetherPerClientNetwork() {
		String network = newIp().replaceAll("\\.\\d+$", ".");
		for (int host = 1; host <= 4; host++) {
			for (int i = 0; i < 30; i++) {
				assertThat(codeLogin(newMobile(), network + host).code()).isEqualTo(40002);
			}
		}

		Api.Answer fifth = codeLogin(newMobile(), network + 5);

		assertThat(fifth.code()).as("a fifth address of the /24").isEqualTo(42900);
		assertThat(codeLogin(newMobile(), newIp()).code()).as("another network").isEqualTo(40002);
	}

	@Test
	void fiveWrongPasswordsLockPasswordLogin() {
		String mobile = register();
		for (int i = 0; i < 5; i++) {
			assertThat(passwordLogin(mobile, "Wrong-passw0rd").code()).isEqualTo(40102);
		}

		Api.Answer locked = passwordLogin(mobile, PASSWORD);

		assertThat(locked.status()).isEqualTo(423);
		assertThat(locked.code()).isEqualTo(42300);
		assertThat(locked.data().path("retryAfter").asLong()).isBetween(890L, 900L);
		assertThat(locked.header("Retry-After")).isNotNull();
		assertThat(api().post("/api/v1/auth/login/code", Map.of("mobile", mobile, "code", smsCode(mobile, "login")))
			.code()).as("code login is not locked").isEqualTo(200);
	}

	@Test
	void parallelWrongPasswordsAreAllCounted() throws Exception {
		String mobile = register();
		List<Callable<Api.Answer>> calls = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			calls.add(() -> passwordLogin(mobile, "Wrong-passw0rd"));
		}

		runTogether(calls);

		assertThat(passwordLogin(mobile, PASSWORD).code()).isEqualTo(42300);
	}

	@Test
	void successfulLoginClearsEarlierFailures() {
		String mobile = register();
		for (int i = 0; i < 4; i++) {
			passwordLogin(mobile, "Wrong-passw0rd");
		}
		assertThat(passwordLogin(mobile, PASSWORD).code()).isEqualTo(200);
		for (int i = 0; i < 4; i++) {
			passwordLogin(mobile, "Wrong-passw0rd");
		}

		assertThat(passwordLogin(mobile, PASSWORD).code()).isEqualTo(200);
	}

	@Test
	void disabledAccountsAnswer40301() {
		String mobile = register();
		this.jdbc.sql("update app_user set status = 'disabled' where mobile = ?").param("+86" + mobile).update();

		Api.Answer password = passwordLogin(mobile, PASSWORD);
		Api.Answer code = api().post("/api/v1/auth/login/code",
				Map.of("mobile", mobile, "code", smsCode(mobile, "login")));

		assertThat(password.status()).isEqualTo(403);
		assertThat(password.code()).isEqualTo(40301);
		assertThat(code.code()).isEqualTo(40301);
	}

	@Test
	void resetPasswordEndsEverySession() {
		String mobile = register();
		JsonNode session = passwordLogin(mobile, PASSWORD).data();
		String code = smsCode(mobile, "reset_password");

		Api.Answer reset = api().post("/api/v1/auth/password/reset",
				Map.of("mobile", mobile, "code", code, "newPassword", "N3w-password"));

		assertThat(reset.code()).isEqualTo(200);
		assertThat(reset.data().isNull()).isTrue();
		assertThat(api().get("/api/v1/users/me", session.path("accessToken").asString()).code()).isEqualTo(40101);
		assertThat(api().post("/api/v1/auth/refresh", Map.of("refreshToken", session.path("refreshToken").asString()))
			.code()).isEqualTo(40101);
		assertThat(passwordLogin(mobile, PASSWORD).code()).isEqualTo(40102);
		assertThat(passwordLogin(mobile, "N3w-password").code()).isEqualTo(200);
		assertThat(count("select count(*) from audit_event e join app_user u on u.id = e.user_id "
				+ "where e.type = 'password_reset' and u.mobile = '+86" + mobile + "'"))
			.isEqualTo(1);
	}

	@Test
	void resetPasswordUnlocksALockedAccount() {
		String mobile = register();
		for (int i = 0; i < 5; i++) {
			passwordLogin(mobile, "Wrong-passw0rd");
		}

		api().post("/api/v1/auth/password/reset",
				Map.of("mobile", mobile, "code", smsCode(mobile, "reset_password"), "newPassword", "N3w-password"));

		assertThat(passwordLogin(mobile, "N3w-password").code()).isEqualTo(200);
	}

	@Test
	void resetWithAWeakPasswordAnswers40005() {
		String mobile = register();

		Api.Answer answer = api().post("/api/v1/auth/password/reset",
				Map.of("mobile", mobile, "code", smsCode(mobile, "reset_password"), "newPassword", "weak"));

		assertThat(answer.code()).isEqualTo(40005);
	}

	@Test
	void resetWithACodeForAnotherPurposeAnswers40002() {
		String mobile = register();

		Api.Answer answer = api().post("/api/v1/auth/password/reset",
				Map.of("mobile", mobile, "code", smsCode(mobile, "login"), "newPassword", "N3w-password"));

		assertThat(answer.code()).isEqualTo(40002);
	}

	@Test
	void existsAnswersForEachKindOfIdentity() {
		String mobile = register();
		String ip = newIp();

		assertThat(exists("mobile", mobile, ip)).isTrue();
		assertThat(exists("mobile", "+86 " + mobile, ip)).isTrue();
		assertThat(exists("mobile", newMobile(), ip)).isFalse();
		assertThat(exists("email", newEmail(), ip)).isFalse();
		assertThat(exists("username", com.usercenter.support.TestSecrets.ADMIN_USERNAME.toUpperCase(), ip)).isTrue();
		assertThat(exists("wechat", "o6_bmjrPTlm6_2sgVt7hMZOPfL2M", ip)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"type\":\"fax\",\"identity\":\"1\"}", "{\"type\":\"mobile\"}",
			"{\"type\":\"mobile\",\"identity\":\"abc\"}", "{\"type\":\"email\",\"identity\":\"13800138000\"}" })
	void invalidExistsRequestsAnswer40000(String body) {
		assertThat(api().send(Call.of("POST", "/api/v1/auth/exists").json(body).from(newIp())).code()).isEqualTo(40000);
	}

	@Test
	void existsNeedsACaptchaPastTheHourlyThreshold() {
		String ip = newIp();
		for (int i = 0; i < 30; i++) {
			exists("mobile", newMobile(), ip);
		}

		Api.Answer refused = api().send(Call.of("POST", "/api/v1/auth/exists")
			.json(Map.of("type", "mobile", "identity", newMobile()))
			.from(ip));

		assertThat(refused.code()).isEqualTo(42800);
	}

	private String register() {
		String mobile = newMobile();
		Api.Answer answer = api().post("/api/v1/auth/register",
				Map.of("mobile", mobile, "password", PASSWORD, "code", smsCode(mobile, "register")));
		assertThat(answer.code()).as(answer.toString()).isEqualTo(200);
		return mobile;
	}

	private Api.Answer codeLogin(String mobile, String ip) {
		return api()
			.send(Call.of("POST", "/api/v1/auth/login/code").json(Map.of("mobile", mobile, "code", "000000")).from(ip));
	}

	private boolean exists(String type, String identity, String ip) {
		Api.Answer answer = api()
			.send(Call.of("POST", "/api/v1/auth/exists").json(Map.of("type", type, "identity", identity)).from(ip));
		assertThat(answer.code()).as(answer.toString()).isEqualTo(200);
		return answer.data().path("exists").asBoolean();
	}

	private void ageSends(String target) {
		TestClock.advance(Duration.ofSeconds(61));
	}

	private long count(String sql) {
		return this.jdbc.sql(sql).query(Long.class).single();
	}

}
