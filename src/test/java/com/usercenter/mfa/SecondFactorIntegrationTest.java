package com.usercenter.mfa;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.usercenter.support.Api;
import com.usercenter.support.ApiTestBase;
import com.usercenter.support.TestClock;
import com.usercenter.support.TestDeliveries;
import com.usercenter.support.TotpDevice;
import com.usercenter.user.UserLifecycle;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * TOTP, recovery codes, the second step of a sign-in and the step-up (contract 9.4), over
 * HTTP against PostgreSQL. Codes come from {@link TotpDevice}, which computes them on the
 * test clock the service runs on.
 */
class SecondFactorIntegrationTest extends ApiTestBase {

	private static final String PASSWORD = "Str0ng-enough";

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private UserLifecycle lifecycle;

	@Test
	void enrolmentShowsTheSecretOnceAndIsInForceOnlyWhenConfirmed() {
		Account account = register();

		Api.Answer wrongProof = api().post("/api/v1/users/me/mfa/totp", Map.of("password", "not-the-Passw0rd"),
				account.token);
		assertThat(wrongProof.code()).isEqualTo(40102);
		assertThat(api().post("/api/v1/users/me/mfa/totp", Map.of(), account.token).code()).isEqualTo(40102);

		Api.Answer started = api().post("/api/v1/users/me/mfa/totp", Map.of("password", PASSWORD), account.token);
		assertThat(started.code()).as(started.toString()).isEqualTo(200);
		String secret = started.data().path("secret").asString();
		assertThat(secret).matches("[A-Z2-7]{32}");
		assertThat(started.data().path("otpauthUri").asString()).startsWith("otpauth://totp/User%20Center:")
			.contains("secret=" + secret)
			.contains("issuer=User%20Center")
			.contains("digits=6")
			.contains("period=30")
			.doesNotContain(account.mobile);
		String qr = started.data().path("qrCode").asString();
		assertThat(qr).startsWith("data:image/png;base64,");
		byte[] png = Base64.getDecoder().decode(qr.substring("data:image/png;base64,".length()));
		assertThat(png).startsWith(0x89, 'P', 'N', 'G');
		assertThat(status(account).path("totp").asBoolean()).isFalse();
		assertThat(passwordLogin(account.mobile, PASSWORD).code()).as("not in force yet").isEqualTo(200);
		byte[] sealed = this.jdbc.sql("select secret_sealed from mfa_totp where user_id = ?")
			.param(account.userId)
			.query(byte[].class)
			.single();
		assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(secret);

		TotpDevice device = new TotpDevice(secret);
		String wrong = wrongCode(device);
		Api.Answer wrongConfirm = api().post("/api/v1/users/me/mfa/totp/confirm", Map.of("code", wrong), account.token);
		assertThat(wrongConfirm.code()).isEqualTo(40006);
		assertThat(wrongConfirm.data().path("attemptsLeft").isInt()).isTrue();

		Api.Answer confirmed = api().post("/api/v1/users/me/mfa/totp/confirm", Map.of("code", device.nextCode()),
				account.token);
		assertThat(confirmed.code()).as(confirmed.toString()).isEqualTo(200);
		JsonNode codes = confirmed.data().path("recoveryCodes");
		assertThat(codes.size()).isEqualTo(10);
		assertThat(codes.get(0).asString()).matches("[a-z2-9]{5}-[a-z2-9]{5}");
		assertThat(this.jdbc.sql("select count(*) from mfa_recovery_code where user_id = ? and code_hash = ?")
			.params(account.userId, codes.get(0).asString())
			.query(Integer.class)
			.single()).as("stored only as hashes").isZero();

		JsonNode status = status(account);
		assertThat(status.path("totp").asBoolean()).isTrue();
		assertThat(status.path("recoveryCodesLeft").asInt()).isEqualTo(10);
		assertThat(status.toString()).doesNotContain(secret);

		Api.Answer again = api().post("/api/v1/users/me/mfa/totp", Map.of("password", PASSWORD), account.token);
		assertThat(again.code()).as("a secret in force is removed first").isEqualTo(40000);
	}

	@Test
	void aPasswordSignInOfAnAccountWithTotpTakesASecondStep() {
		Account account = enrolled();

		Api.Answer first = passwordLogin(account.mobile, PASSWORD);
		assertThat(first.code()).as(first.toString()).isEqualTo(40106);
		assertThat(first.status()).isEqualTo(401);
		assertThat(first.data().path("methods").toString()).isEqualTo("[\"totp\",\"recovery_code\"]");
		assertThat(first.data().path("expiresIn").asInt()).isEqualTo(300);
		assertThat(first.data().has("accessToken")).isFalse();
		String mfaToken = first.data().path("mfaToken").asString();

		Api.Answer wrong = finish(mfaToken, wrongCode(account.device));
		assertThat(wrong.code()).isEqualTo(40006);
		assertThat(wrong.data().path("attemptsLeft").asInt()).isEqualTo(4);

		Api.Answer done = finish(mfaToken, account.device.nextCode());
		assertThat(done.code()).as(done.toString()).isEqualTo(200);
		assertThat(done.data().path("userId").asLong()).isEqualTo(account.userId);
		assertThat(done.data().path("needInfo").asBoolean()).isFalse();
		assertThat(amr(done.data().path("accessToken").asString())).containsExactly("pwd", "otp", "mfa");
		assertThat(api().get("/api/v1/users/me", done.data().path("accessToken").asString()).code()).isEqualTo(200);

		Api.Answer refreshed = api().post("/api/v1/auth/refresh",
				Map.of("refreshToken", done.data().path("refreshToken").asString()));
		assertThat(refreshed.code()).isEqualTo(200);
		assertThat(amr(refreshed.data().path("accessToken").asString())).as("the session remembers")
			.containsExactly("pwd", "otp", "mfa");

		assertThat(finish(mfaToken, account.device.nextCode()).code()).as("single use").isEqualTo(40101);
		assertThat(finish("no-such-token", account.device.nextCode()).code()).isEqualTo(40101);
	}

	@Test
	void aCodeSignInTakesTheSecondStepTooAndTheTokenExpires() {
		Account account = enrolled();

		Api.Answer first = api().post("/api/v1/auth/login/code",
				Map.of("mobile", account.mobile, "code", smsCode(account.mobile, "login")));
		assertThat(first.code()).as(first.toString()).isEqualTo(40106);
		Api.Answer done = finish(first.data().path("mfaToken").asString(), account.device.nextCode());
		assertThat(done.code()).as(done.toString()).isEqualTo(200);
		assertThat(amr(done.data().path("accessToken").asString())).containsExactly("sms", "otp", "mfa");

		Api.Answer late = passwordLogin(account.mobile, PASSWORD);
		TestClock.advance(Duration.ofMinutes(5).plusSeconds(1));
		assertThat(finish(late.data().path("mfaToken").asString(), account.device.nextCode()).code()).as("five minutes")
			.isEqualTo(40101);
	}

	@Test
	void aSocialSignInTakesTheSecondStepAndAnAccountWithNothingToProveEnrolsWithoutProof() {
		String uid = Long.toString(System.nanoTime() % 10_000_000_000L);
		String token = "wb-" + unique();
		WireMockServer weibo = TestDeliveries.webhook();
		weibo.stubFor(post(urlPathEqualTo("/oauth2/get_token_info")).withQueryParam("access_token", equalTo(token))
			.willReturn(okJson("{\"uid\":" + uid
					+ ",\"appkey\":\"123\",\"scope\":\"\",\"create_at\":1,\"expire_in\":157679471}")));
		weibo.stubFor(get(urlPathEqualTo("/2/users/show.json")).withQueryParam("access_token", equalTo(token))
			.willReturn(okJson("{\"id\":" + uid + ",\"screen_name\":\"微博用户\"}")));
		Map<String, Object> credential = Map.of("provider", "weibo", "accessToken", token, "uid", uid);
		Api.Answer created = api().post("/api/v1/auth/login/social", credential);
		assertThat(created.code()).as(created.toString()).isEqualTo(200);
		String socialOnly = created.data().path("accessToken").asString();

		Api.Answer started = api().post("/api/v1/users/me/mfa/totp", Map.of(), socialOnly);
		assertThat(started.code()).as("no password, no contact: nothing to prove").isEqualTo(200);
		TotpDevice device = new TotpDevice(started.data().path("secret").asString());
		assertThat(
				api().post("/api/v1/users/me/mfa/totp/confirm", Map.of("code", device.nextCode()), socialOnly).code())
			.isEqualTo(200);

		Api.Answer first = api().post("/api/v1/auth/login/social", credential);
		assertThat(first.code()).as(first.toString()).isEqualTo(40106);
		Api.Answer done = finish(first.data().path("mfaToken").asString(), device.nextCode());
		assertThat(done.code()).as(done.toString()).isEqualTo(200);
		assertThat(amr(done.data().path("accessToken").asString())).containsExactly("fed", "otp", "mfa");
	}

	@Test
	void aTotpCodeIsAcceptedOnce() {
		Account account = enrolled();
		String code = account.device.nextCode();

		Api.Answer once = finish(passwordLogin(account.mobile, PASSWORD).data().path("mfaToken").asString(), code);
		Api.Answer twice = finish(passwordLogin(account.mobile, PASSWORD).data().path("mfaToken").asString(), code);

		assertThat(once.code()).isEqualTo(200);
		assertThat(twice.code()).isEqualTo(40006);
		long earlier = TotpDevice.currentStep() - 1;
		Api.Answer older = finish(passwordLogin(account.mobile, PASSWORD).data().path("mfaToken").asString(),
				account.device.codeAt(earlier - 1));
		assertThat(older.code()).as("a code of a step before the one used").isEqualTo(40006);
	}

	@Test
	void aRecoveryCodeSignsInOnce() {
		Account account = enrolled();
		String recovery = account.recoveryCodes.get(3);

		Api.Answer used = finish(passwordLogin(account.mobile, PASSWORD).data().path("mfaToken").asString(),
				" " + recovery.toUpperCase() + " ");
		assertThat(used.code()).as(used.toString()).isEqualTo(200);
		assertThat(amr(used.data().path("accessToken").asString())).contains("otp", "mfa");
		Api.Answer again = finish(passwordLogin(account.mobile, PASSWORD).data().path("mfaToken").asString(), recovery);
		assertThat(again.code()).isEqualTo(40006);
		assertThat(status(account).path("recoveryCodesLeft").asInt()).isEqualTo(9);
	}

	@Test
	void aHundredWrongCodesAtOnceAreEvaluatedAtMostFiveTimes() throws Exception {
		Account account = enrolled();
		String mfaToken = passwordLogin(account.mobile, PASSWORD).data().path("mfaToken").asString();
		String wrong = wrongCode(account.device);
		List<Callable<Api.Answer>> calls = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			calls.add(() -> api().post("/api/v1/auth/login/mfa", Map.of("mfaToken", mfaToken, "code", wrong)));
		}

		List<Api.Answer> answers = runTogether(calls);

		long evaluated = answers.stream().filter((answer) -> answer.code() == 40006).count();
		long locked = answers.stream().filter((answer) -> answer.code() == 42300).count();
		assertThat(evaluated).isEqualTo(5);
		assertThat(locked).isEqualTo(95);
		Api.Answer right = finish(mfaToken, account.device.nextCode());
		assertThat(right.code()).as("locked, even for the right code").isEqualTo(42300);
		assertThat(right.data().path("captchaAccepted").asBoolean()).isFalse();
		assertThat(passwordLogin(account.mobile, PASSWORD).code()).as("the account's sign-in, under each of its names")
			.isEqualTo(42300);
	}

	@Test
	void removalNeedsACodeAndEndsTheSecondStep() {
		Account account = enrolled();

		Api.Answer noCode = api()
			.send(Api.Call.of("DELETE", "/api/v1/users/me/mfa/totp").json(Map.of()).bearer(account.token));
		assertThat(noCode.code()).isEqualTo(40000);
		Api.Answer wrong = api().send(Api.Call.of("DELETE", "/api/v1/users/me/mfa/totp")
			.json(Map.of("code", wrongCode(account.device)))
			.bearer(account.token));
		assertThat(wrong.code()).isEqualTo(40006);
		Api.Answer removed = api().send(Api.Call.of("DELETE", "/api/v1/users/me/mfa/totp")
			.json(Map.of("code", account.recoveryCodes.get(0)))
			.bearer(account.token));
		assertThat(removed.code()).as(removed.toString()).isEqualTo(200);

		assertThat(status(account).path("totp").asBoolean()).isFalse();
		assertThat(status(account).path("recoveryCodesLeft").asInt()).isZero();
		Api.Answer plain = passwordLogin(account.mobile, PASSWORD);
		assertThat(plain.code()).isEqualTo(200);
		assertThat(amr(plain.data().path("accessToken").asString())).containsExactly("pwd");
	}

	@Test
	void sensitiveChangesOfAnAccountWithTotpNeedACode() {
		Account account = enrolled();

		Api.Answer noCode = api().post("/api/v1/users/me/password",
				Map.of("oldPassword", PASSWORD, "newPassword", "N3w-password"), account.token);
		assertThat(noCode.code()).isEqualTo(40000);
		assertThat(noCode.toString()).contains("mfaCode");
		Api.Answer wrong = api().post("/api/v1/users/me/password",
				Map.of("oldPassword", PASSWORD, "newPassword", "N3w-password", "mfaCode", wrongCode(account.device)),
				account.token);
		assertThat(wrong.code()).isEqualTo(40006);
		assertThat(passwordLogin(account.mobile, "N3w-password").code()).as("unchanged").isEqualTo(40102);
		Api.Answer changed = api().post("/api/v1/users/me/password",
				Map.of("oldPassword", PASSWORD, "newPassword", "N3w-password", "mfaCode", account.device.nextCode()),
				account.token);
		assertThat(changed.code()).as(changed.toString()).isEqualTo(200);

		String newMobile = newMobile();
		Map<String, Object> change = new java.util.HashMap<>(
				Map.of("mobile", newMobile, "password", "N3w-password", "code", smsCode(newMobile, "change_contact")));
		assertThat(api().post("/api/v1/users/me/mobile", change, account.token).code()).isEqualTo(40000);
		change.put("mfaCode", account.device.nextCode());
		Api.Answer moved = api().post("/api/v1/users/me/mobile", change, account.token);
		assertThat(moved.code()).as(moved.toString()).isEqualTo(200);

		assertThat(api().post("/api/v1/users/me/deletion", Map.of("password", "N3w-password"), account.token).code())
			.isEqualTo(40000);
		Api.Answer deletion = api().post("/api/v1/users/me/deletion",
				Map.of("password", "N3w-password", "mfaCode", account.device.nextCode()), account.token);
		assertThat(deletion.code()).as(deletion.toString()).isEqualTo(200);
	}

	@Test
	void anAdminWithoutASecondFactorIsRefusedTheAdminApiUntilItEnrols() {
		Account account = register();
		api().patch("/api/v1/admin/users/" + account.userId, Map.of("roles", List.of("USER", "ADMIN")), adminToken());
		String passwordOnly = passwordLogin(account.mobile, PASSWORD).data().path("accessToken").asString();

		Api.Answer refused = api().get("/api/v1/admin/users?size=1", passwordOnly);
		assertThat(refused.code()).isEqualTo(40303);
		assertThat(refused.status()).isEqualTo(403);
		assertThat(api().get("/api/v1/users/me/mfa", passwordOnly).code()).isEqualTo(200);
		assertThat(api().get("/api/v1/admin/users?size=1", newUserToken()).code()).as("not an admin").isEqualTo(40300);

		account = new Account(account.mobile, account.userId, passwordOnly, null, null);
		Account enrolled = enrol(account);
		assertThat(api().get("/api/v1/admin/users?size=1", enrolled.token).code())
			.as("the enrolling session was signed in with the password alone")
			.isEqualTo(40303);
		Api.Answer first = passwordLogin(account.mobile, PASSWORD);
		Api.Answer second = finish(first.data().path("mfaToken").asString(), enrolled.device.nextCode());
		assertThat(api().get("/api/v1/admin/users?size=1", second.data().path("accessToken").asString()).code())
			.isEqualTo(200);
	}

	@Test
	void anAdminResetsTheSecondFactorsOfAUserWhoLostThem() {
		Account account = enrolled();

		assertThat(api()
			.send(Api.Call.of("DELETE", "/api/v1/admin/users/" + account.userId + "/mfa").bearer(newUserToken()))
			.code()).as("not an admin").isEqualTo(40300);
		Api.Answer reset = api()
			.send(Api.Call.of("DELETE", "/api/v1/admin/users/" + account.userId + "/mfa").bearer(adminToken()));
		assertThat(reset.code()).as(reset.toString()).isEqualTo(200);

		assertThat(status(account).path("totp").asBoolean()).isFalse();
		assertThat(passwordLogin(account.mobile, PASSWORD).code()).isEqualTo(200);
		assertThat(this.jdbc.sql("select count(*) from audit_event where user_id = ? and type = 'admin_user_change'")
			.param(account.userId)
			.query(Integer.class)
			.single()).isEqualTo(1);
		assertThat(api().send(Api.Call.of("DELETE", "/api/v1/admin/users/999999999/mfa").bearer(adminToken())).code())
			.isEqualTo(40401);
	}

	@Test
	void erasureRemovesTheSecondFactors() {
		Account account = enrolled();
		Api.Answer deletion = api().post("/api/v1/users/me/deletion",
				Map.of("password", PASSWORD, "mfaCode", account.device.nextCode()), account.token);
		assertThat(deletion.code()).as(deletion.toString()).isEqualTo(200);

		assertThat(this.lifecycle.erase(account.userId)).isTrue();

		for (String table : List.of("mfa_totp", "mfa_recovery_code", "mfa_challenge")) {
			assertThat(this.jdbc.sql("select count(*) from " + table + " where user_id = ?")
				.param(account.userId)
				.query(Integer.class)
				.single()).as(table).isZero();
		}
	}

	@Test
	void theExportListsSecondFactorsWithoutSecrets() {
		Account account = enrolled();

		Api.Answer export = api().get("/api/v1/users/me/export", account.token);

		assertThat(export.code()).isEqualTo(200);
		JsonNode factors = export.data().path("secondFactors");
		assertThat(factors.path("totp").asBoolean()).isTrue();
		assertThat(factors.path("recoveryCodesLeft").asInt()).isEqualTo(10);
		assertThat(export.raw().length).isPositive();
		for (String code : account.recoveryCodes) {
			assertThat(new String(export.raw(), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain(code);
		}
	}

	private Api.Answer finish(String mfaToken, String code) {
		return api().post("/api/v1/auth/login/mfa", Map.of("mfaToken", mfaToken, "code", code));
	}

	private JsonNode status(Account account) {
		Api.Answer status = api().get("/api/v1/users/me/mfa", account.token);
		assertThat(status.code()).as(status.toString()).isEqualTo(200);
		return status.data();
	}

	/** Six digits that are none of the codes the service would take now. */
	private static String wrongCode(TotpDevice device) {
		long step = TotpDevice.currentStep();
		List<String> near = List.of(device.codeAt(step - 1), device.codeAt(step), device.codeAt(step + 1),
				device.codeAt(step + 2));
		int candidate = 0;
		while (near.contains(String.format("%06d", candidate))) {
			candidate++;
		}
		return String.format("%06d", candidate);
	}

	private static List<String> amr(String accessToken) {
		JsonNode claims = Api.JSON.readTree(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]));
		List<String> amr = new ArrayList<>();
		claims.path("amr").values().forEach((value) -> amr.add(value.asString()));
		return amr;
	}

	private Account register() {
		String mobile = newMobile();
		Api.Answer answer = api().post("/api/v1/auth/register",
				Map.of("mobile", mobile, "password", PASSWORD, "code", smsCode(mobile, "register")));
		assertThat(answer.code()).as(answer.toString()).isEqualTo(200);
		return new Account(mobile, answer.data().path("userId").asLong(), answer.data().path("accessToken").asString(),
				null, null);
	}

	private Account enrolled() {
		return enrol(register());
	}

	private Account enrol(Account account) {
		Api.Answer started = api().post("/api/v1/users/me/mfa/totp", Map.of("password", PASSWORD), account.token);
		assertThat(started.code()).as(started.toString()).isEqualTo(200);
		TotpDevice device = new TotpDevice(started.data().path("secret").asString());
		Api.Answer confirmed = api().post("/api/v1/users/me/mfa/totp/confirm", Map.of("code", device.nextCode()),
				account.token);
		assertThat(confirmed.code()).as(confirmed.toString()).isEqualTo(200);
		List<String> codes = new ArrayList<>();
		confirmed.data().path("recoveryCodes").values().forEach((code) -> codes.add(code.asString()));
		return new Account(account.mobile, account.userId, account.token, device, codes);
	}

	private record Account(String mobile, long userId, String token, TotpDevice device, List<String> recoveryCodes) {
	}

}
