package com.usercenter.verification;

import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import javax.imageio.ImageIO;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.usercenter.secrets.Digests;
import com.usercenter.secrets.SecretBox;
import com.usercenter.support.Api.Call;
import com.usercenter.support.Api;
import com.usercenter.support.ApiTestBase;
import com.usercenter.support.TestClock;
import com.usercenter.support.TestDeliveries;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Captchas, codes and tickets over HTTP, delivered through a real webhook receiver and
 * SMTP server.
 */
class VerificationIntegrationTest extends ApiTestBase {

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private SecretBox box;

	@Test
	void captchaIsAFreshPngThatIsNeverCached() throws Exception {
		Api.Answer answer = api().get("/api/v1/captcha");

		JsonNode data = answer.data();
		assertThat(answer.code()).isEqualTo(200);
		assertThat(answer.header("Cache-Control")).contains("no-store");
		assertThat(data.path("expiresIn").asLong()).isEqualTo(300);
		assertThat(data.path("image").asString()).startsWith("data:image/png;base64,");
		byte[] png = Base64.getDecoder()
			.decode(data.path("image").asString().substring("data:image/png;base64,".length()));
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
		assertThat(image.getWidth()).isEqualTo(150);
		assertThat(image.getHeight()).isEqualTo(50);
		assertThat(api().get("/api/v1/captcha").data().path("captchaKey").asString())
			.isNotEqualTo(data.path("captchaKey").asString());
	}

	@Test
	void captchaAnswerIsStoredOnlyAsAHash() {
		String key = api().get("/api/v1/captcha").data().path("captchaKey").asString();

		String stored = this.jdbc.sql("select answer_hash from captcha where captcha_key = ?")
			.param(key)
			.query(String.class)
			.single();

		assertThat(stored).matches("[0-9a-f]{64}");
	}

	@Test
	void smsCodeIsDeliveredThroughTheWebhook() {
		String mobile = newMobile();

		Api.Answer answer = send("sms", mobile, "register", newIp());

		assertThat(answer.code()).isEqualTo(200);
		assertThat(answer.data().path("expiresIn").asLong()).isEqualTo(300);
		assertThat(answer.data().path("resendAfter").asLong()).isEqualTo(60);
		JsonNode payload = TestDeliveries.smsTo("+86" + mobile).get(0);
		assertThat(payload.path("code").asString()).matches("\\d{6}");
		assertThat(payload.path("purpose").asString()).isEqualTo("register");
		assertThat(payload.path("text").asString()).contains(payload.path("code").asString()).contains("验证码");
	}

	@Test
	void emailCodeIsDeliveredOverSmtpInTheCallersLanguage() throws Exception {
		String email = newEmail();
		String englishEmail = newEmail();

		Api.Answer chinese = send("email", email.toUpperCase(), "login", newIp());
		Api.Answer english = api().send(Call.of("POST", "/api/v1/verification-codes")
			.json(Map.of("channel", "email", "target", englishEmail, "purpose", "login"))
			.header("Accept-Language", "en")
			.from(newIp()));

		assertThat(chinese.code()).isEqualTo(200);
		assertThat(english.code()).isEqualTo(200);
		MimeMessage zh = TestDeliveries.emailsTo(email).get(0);
		MimeMessage en = TestDeliveries.emailsTo(englishEmail).get(0);
		assertThat(zh.getSubject()).isEqualTo("您的验证码");
		assertThat(TestDeliveries.textOf(zh)).contains(TestDeliveries.lastEmailCode(email));
		assertThat(en.getSubject()).isEqualTo("Your verification code");
	}

	@Test
	void secondSendWithinAMinuteAnswers42900WithRetryAfter() {
		String mobile = newMobile();
		send("sms", mobile, "login", newIp());

		Api.Answer again = send("sms", mobile, "login", newIp());

		assertThat(again.status()).isEqualTo(429);
		assertThat(again.code()).isEqualTo(42900);
		long retryAfter = again.data().path("retryAfter").asLong();
		assertThat(retryAfter).isBetween(1L, 60L);
		assertThat(again.header("Retry-After")).isEqualTo(Long.toString(retryAfter));
		assertThat(send("sms", mobile, "register", newIp()).code()).isEqualTo(200);
	}

	@Test
	void tenSendsADayPerTargetAtMost() {
		String mobile = newMobile();
		for (int i = 0; i < 10; i++) {
			assertThat(send("sms", mobile, "verify", newIp()).code()).isEqualTo(200);
			TestClock.advance(Duration.ofSeconds(61));
		}

		Api.Answer answer = send("sms", mobile, "login", newIp());

		assertThat(answer.code()).isEqualTo(42900);
		assertThat(answer.data().path("retryAfter").asLong()).isGreaterThan(3600);
		assertThat(TestDeliveries.smsTo("+86" + mobile)).hasSize(10);
	}

	@Test
	void busyClientAddressMustSolveACaptcha() {
		String ip = newIp();
		for (int i = 0; i < 5; i++) {
			assertThat(send("sms", newMobile(), "login", ip).code()).isEqualTo(200);
		}
		String mobile = newMobile();

		Api.Answer withoutCaptcha = send("sms", mobile, "login", ip);
		Api.Answer wrongCaptcha = sendWithCaptcha(mobile, ip, knownCaptcha("ABCDE"), "XXXXX");
		String key = knownCaptcha("K7PXA");
		Api.Answer solved = sendWithCaptcha(mobile, ip, key, "k7pxa");
		Api.Answer reused = sendWithCaptcha(newMobile(), ip, key, "K7PXA");

		assertThat(withoutCaptcha.status()).isEqualTo(428);
		assertThat(withoutCaptcha.code()).isEqualTo(42800);
		assertThat(wrongCaptcha.code()).isEqualTo(40003);
		assertThat(solved.code()).isEqualTo(200);
		assertThat(reused.code()).isEqualTo(40003);
	}

	@Test
	void expiredCaptchaIsRefused() {
		String ip = newIp();
		for (int i = 0; i < 5; i++) {
			send("sms", newMobile(), "login", ip);
		}
		String key = knownCaptcha("QWERT");
		TestClock.advance(Duration.ofMinutes(5).plusSeconds(1));

		assertThat(sendWithCaptcha(newMobile(), ip, key, "QWERT").code()).isEqualTo(40003);
	}

	@Test
	void resetPasswordForAnUnknownAccountAnswersSuccessAndSendsNothing() {
		String mobile = newMobile();

		Api.Answer answer = send("sms", mobile, "reset_password", newIp());

		assertThat(answer.code()).isEqualTo(200);
		assertThat(TestDeliveries.smsTo("+86" + mobile)).isEmpty();
		assertThat(send("sms", mobile, "reset_password", newIp()).code())
			.as("counted like a real send, so timing of limits tells nothing")
			.isEqualTo(42900);
	}

	@Test
	void rightCodeIsTradedForATicket() {
		String mobile = newMobile();
		send("sms", mobile, "verify", newIp());

		Api.Answer answer = verify("+86 " + mobile, "verify", TestDeliveries.lastSmsCode("+86" + mobile));

		assertThat(answer.code()).isEqualTo(200);
		assertThat(answer.data().path("ticket").asString()).hasSizeGreaterThanOrEqualTo(40);
		assertThat(answer.data().path("expiresIn").asLong()).isEqualTo(600);
		assertThat(verify(mobile, "verify", TestDeliveries.lastSmsCode("+86" + mobile)).code())
			.as("a code is good once")
			.isEqualTo(40002);
	}

	@Test
	void codeIsStoredOnlyAsAKeyedHash() {
		String mobile = newMobile();
		send("sms", mobile, "verify", newIp());
		String code = TestDeliveries.lastSmsCode("+86" + mobile);

		String stored = this.jdbc.sql("select code_hash from verification_code where target = ? and purpose = 'verify'")
			.param("+86" + mobile)
			.query(String.class)
			.single();

		assertThat(stored).matches("[0-9a-f]{64}").isNotEqualTo(Digests.sha256Hex(code.getBytes()));
	}

	@Test
	void wrongCodesCountDownAndTheFifthKillsTheCode() {
		String mobile = newMobile();
		send("sms", mobile, "login", newIp());
		String right = TestDeliveries.lastSmsCode("+86" + mobile);
		String wrong = right.equals("000000") ? "111111" : "000000";

		List<Integer> left = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			Api.Answer answer = verify(mobile, "login", wrong);
			assertThat(answer.code()).isEqualTo(40002);
			left.add(answer.data().path("attemptsLeft").asInt());
		}
		Api.Answer afterwards = verify(mobile, "login", right);

		assertThat(left).containsExactly(4, 3, 2, 1, 0);
		assertThat(afterwards.code()).isEqualTo(40002);
		assertThat(afterwards.data().path("attemptsLeft").asInt()).isZero();
	}

	@Test
	void parallelWrongCodesNeverExceedFiveTries() throws Exception {
		String mobile = newMobile();
		send("sms", mobile, "login", newIp());
		String right = TestDeliveries.lastSmsCode("+86" + mobile);
		String wrong = right.equals("999999") ? "888888" : "999999";
		List<Callable<Api.Answer>> calls = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			calls.add(() -> verify(mobile, "login", wrong));
		}

		List<Api.Answer> answers = runTogether(calls);

		assertThat(answers).allSatisfy((a) -> assertThat(a.code()).isEqualTo(40002));
		Set<Integer> left = new HashSet<>();
		answers.forEach((a) -> left.add(a.data().path("attemptsLeft").asInt()));
		assertThat(left).containsExactlyInAnyOrder(4, 3, 2, 1, 0);
		assertThat(this.jdbc.sql("select attempts from verification_code where target = ? and purpose = 'login'")
			.param("+86" + mobile)
			.query(Integer.class)
			.single()).isEqualTo(5);
		assertThat(verify(mobile, "login", right).code()).isEqualTo(40002);
	}

	@Test
	void expiredCodeIsRefused() {
		String mobile = newMobile();
		send("sms", mobile, "login", newIp());
		TestClock.advance(Duration.ofMinutes(5).plusSeconds(1));

		Api.Answer answer = verify(mobile, "login", TestDeliveries.lastSmsCode("+86" + mobile));

		assertThat(answer.code()).isEqualTo(40002);
		assertThat(answer.data().path("attemptsLeft").asInt()).isZero();
	}

	@Test
	void aNewCodeReplacesTheOldOne() {
		String mobile = newMobile();
		send("sms", mobile, "login", newIp());
		String first = TestDeliveries.lastSmsCode("+86" + mobile);
		ageSends("+86" + mobile);
		send("sms", mobile, "login", newIp());
		String second = TestDeliveries.lastSmsCode("+86" + mobile);

		Api.Answer old = verify(mobile, "login", first);
		Api.Answer fresh = verify(mobile, "login", second);

		if (!first.equals(second)) {
			assertThat(old.code()).isEqualTo(40002);
		}
		assertThat(fresh.code()).isEqualTo(200);
	}

	@Test
	void codeIsGoodOnlyForItsPurpose() {
		String mobile = newMobile();
		send("sms", mobile, "login", newIp());

		assertThat(verify(mobile, "register", TestDeliveries.lastSmsCode("+86" + mobile)).code()).isEqualTo(40002);
	}

	@Test
	void failingWebhookAnswers50200AndTheSendDoesNotCount() {
		String mobile = newMobile();
		TestDeliveries.webhook()
			.stubFor(WireMock.post(TestDeliveries.SMS_PATH)
				.atPriority(1)
				.withRequestBody(WireMock.containing("+86" + mobile))
				.willReturn(WireMock.serverError()));

		Api.Answer failed = send("sms", mobile, "login", newIp());

		assertThat(failed.status()).isEqualTo(502);
		assertThat(failed.code()).isEqualTo(50200);
		assertThat(send("sms", mobile, "login", newIp()).code()).as("no 60 s wait after a failed send")
			.isEqualTo(50200);
	}

	@Test
	void theWebhookGetsABodyOfKnownLengthNotAChunkedOne() {
		String mobile = newMobile();

		send("sms", mobile, "login", newIp());

		var request = TestDeliveries.webhook()
			.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo(TestDeliveries.SMS_PATH)))
			.stream()
			.filter((r) -> r.getBodyAsString().contains(mobile))
			.findFirst()
			.orElseThrow();
		assertThat(request.getHeader("Content-Length")).isEqualTo(Integer.toString(request.getBody().length));
		assertThat(request.containsHeader("Transfer-Encoding")).isFalse();
	}

	@Test
	void hangingWebhookIsCutOffByTheTimeout() {
		String mobile = newMobile();
		TestDeliveries.webhook()
			.stubFor(WireMock.post(TestDeliveries.SMS_PATH)
				.atPriority(1)
				.withRequestBody(WireMock.containing("+86" + mobile))
				.willReturn(WireMock.ok().withFixedDelay(5_000)));
		long started = System.nanoTime();

		Api.Answer answer = send("sms", mobile, "login", newIp());

		assertThat(answer.code()).isEqualTo(50200);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"channel\":\"fax\",\"target\":\"13800138000\",\"purpose\":\"login\"}",
			"{\"channel\":\"sms\",\"target\":\"a@example.com\",\"purpose\":\"login\"}",
			"{\"channel\":\"email\",\"target\":\"13800138000\",\"purpose\":\"login\"}",
			"{\"channel\":\"sms\",\"target\":\"12345\",\"purpose\":\"login\"}",
			"{\"channel\":\"sms\",\"target\":\"13800138000\",\"purpose\":\"party\"}",
			"{\"channel\":\"sms\",\"purpose\":\"login\"}", "{}" })
	void invalidSendRequestsAnswer40000(String body) {
		Api.Answer answer = api().send(Call.of("POST", "/api/v1/verification-codes").json(body).from(newIp()));

		assertThat(answer.code()).as(answer.toString()).isEqualTo(40000);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"target\":\"13800138000\",\"purpose\":\"login\",\"code\":\"12345\"}",
			"{\"target\":\"13800138000\",\"purpose\":\"login\",\"code\":\"abcdef\"}",
			"{\"target\":\"13800138000\",\"purpose\":\"login\"}",
			"{\"target\":\"nobody\",\"purpose\":\"login\",\"code\":\"123456\"}" })
	void invalidVerifyRequestsAnswer40000(String body) {
		assertThat(api().post("/api/v1/verification-codes/verify", body).code()).isEqualTo(40000);
	}

	private Api.Answer send(String channel, String target, String purpose, String ip) {
		return api().send(Call.of("POST", "/api/v1/verification-codes")
			.json(Map.of("channel", channel, "target", target, "purpose", purpose))
			.from(ip));
	}

	private Api.Answer sendWithCaptcha(String mobile, String ip, String captchaKey, String captchaCode) {
		return api().send(Call.of("POST", "/api/v1/verification-codes")
			.json(Map.of("channel", "sms", "target", mobile, "purpose", "login", "captchaKey", captchaKey,
					"captchaCode", captchaCode))
			.from(ip));
	}

	private Api.Answer verify(String target, String purpose, String code) {
		return api().post("/api/v1/verification-codes/verify",
				Map.of("target", target, "purpose", purpose, "code", code));
	}

	/**
	 * A captcha whose answer the test knows, stored the way the service stores its own.
	 */
	private void ageSends(String target) {
		TestClock.advance(Duration.ofSeconds(61));
	}

}
