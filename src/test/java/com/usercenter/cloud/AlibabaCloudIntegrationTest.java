package com.usercenter.cloud;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.usercenter.support.Api;
import com.usercenter.support.Api.Call;
import com.usercenter.support.ApiTestBase;
import com.usercenter.support.FakeCloud;
import com.usercenter.support.SensitiveValues;
import com.usercenter.support.TestDeliveries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alibaba Cloud SMS and carrier one-tap sign-in against a fake Alibaba Cloud that checks
 * every request's RPC signature with the configured secret and refuses bad ones as
 * Alibaba Cloud does.
 */
@TestPropertySource(properties = { "usercenter.sms.provider=aliyun", "usercenter.one-tap.provider=aliyun",
		"usercenter.sms.aliyun.access-key-id=" + FakeCloud.ALIYUN_KEY_ID, "usercenter.sms.aliyun.sign-name=用户中心",
		"usercenter.sms.aliyun.templates.register=SMS_0001", "usercenter.sms.aliyun.templates.login=SMS_0002",
		"usercenter.sms.aliyun.templates.reset-password=SMS_0003",
		"usercenter.sms.aliyun.templates.change-contact=SMS_0004", "usercenter.sms.aliyun.templates.verify=SMS_0005",
		"usercenter.sms.aliyun.templates.admin-message=SMS_0006", "usercenter.sms.aliyun.read-timeout=1s",
		"usercenter.one-tap.aliyun.access-key-id=" + FakeCloud.ALIYUN_KEY_ID,
		"usercenter.one-tap.aliyun.read-timeout=1s" })
@ExtendWith(OutputCaptureExtension.class)
// a context of its own: closed after the class, so its connections go back to PostgreSQL
@DirtiesContext
class AlibabaCloudIntegrationTest extends ApiTestBase {

	@Autowired
	private JdbcClient jdbc;

	@DynamicPropertySource
	static void aliyun(DynamicPropertyRegistry registry) {
		registry.add("usercenter.sms.aliyun.base-url", TestDeliveries::providersUrl);
		registry.add("usercenter.sms.aliyun.access-key-secret", FakeCloud::aliyunSecret);
		registry.add("usercenter.one-tap.aliyun.base-url", () -> TestDeliveries.providersUrl() + "/dypns");
		registry.add("usercenter.one-tap.aliyun.access-key-secret", FakeCloud::aliyunSecret);
	}

	@Test
	void aCodeGoesOutAsASignedSendSmsWithThePurposesTemplate() {
		String mobile = newMobile();
		answer(mobile, "{\"Code\":\"OK\",\"Message\":\"OK\",\"BizId\":\"900619746936498440^0\",\"RequestId\":\"F6\"}");

		Api.Answer sent = send(mobile, "login");

		assertThat(sent.code()).as(sent.toString()).isEqualTo(200);
		Map<String, String> request = sendSmsTo(mobile).get(0);
		assertThat(request).containsEntry("Action", "SendSms")
			.containsEntry("Version", "2017-05-25")
			.containsEntry("PhoneNumbers", mobile)
			.containsEntry("SignName", "用户中心")
			.containsEntry("TemplateCode", "SMS_0002")
			.containsEntry("Format", "JSON");
		String code = Api.JSON.readTree(request.get("TemplateParam")).path("code").asString();
		SensitiveValues.add(code);
		assertThat(code).matches("\\d{6}");
		assertThat(api().post("/api/v1/auth/login/code", Map.of("mobile", mobile, "code", code)).code())
			.as("the code that went out signs in")
			.isEqualTo(200);
	}

	@Test
	void aRefusalAnswers50200IsNotCountedAndLogsOnlyTheProvidersCode(CapturedOutput output) {
		String mobile = newMobile();
		answer(mobile, "{\"Code\":\"isv.BUSINESS_LIMIT_CONTROL\",\"Message\":\"触发号码天级流控Permits:10\","
				+ "\"RequestId\":\"F7\"}");

		Api.Answer first = send(mobile, "login");
		Api.Answer second = send(mobile, "login");

		assertThat(first.code()).isEqualTo(50200);
		assertThat(second.code()).as("no 60 s wait: the refused send was not counted").isEqualTo(50200);
		assertThat(output.getOut()).contains("isv.BUSINESS_LIMIT_CONTROL")
			.doesNotContain("触发号码天级流控")
			.doesNotContain(mobile);
	}

	@Test
	void aHangingOrGarbledAnswerIs50200() {
		String slow = newMobile();
		String garbled = newMobile();
		TestDeliveries.webhook()
			.stubFor(sendSms(slow)
				.willReturn(WireMock.okJson("{\"Code\":\"OK\"}").withFixedDelay(3_000).withTransformers("aliyun-rpc")));
		TestDeliveries.webhook().stubFor(sendSms(garbled).willReturn(WireMock.ok("<html>502 Bad Gateway</html>")));
		long started = System.nanoTime();

		Api.Answer hung = send(slow, "login");
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		Api.Answer broken = send(garbled, "login");

		assertThat(hung.code()).isEqualTo(50200);
		assertThat(took).isLessThan(Duration.ofMillis(2_500));
		assertThat(broken.code()).isEqualTo(50200);
	}

	@Test
	void theFakeRefusesWhatAlibabaCloudWouldRefuse() {
		String mobile = newMobile();
		answer(mobile, "{\"Code\":\"OK\"}");
		String forged = "AccessKeyId=" + FakeCloud.ALIYUN_KEY_ID + "&Action=SendSms&PhoneNumbers=" + mobile
				+ "&SignatureMethod=HMAC-SHA1&SignatureVersion=1.0&SignatureNonce=n1&Timestamp=2026-01-01T00%3A00%3A00Z"
				+ "&Signature=AAAA";

		Api provider = new Api(TestDeliveries.webhook().port());
		Api.Answer answer = provider.send(Call.of("POST", "/")
			.body(forged.getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/x-www-form-urlencoded"));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json().path("Code").asString()).isEqualTo("SignatureDoesNotMatch");
	}

	@Test
	void oneTapSignsInTheCarriersNumberAndMakesTheAccountOnce() {
		String mobile = newMobile();
		String token = "one-tap-" + unique();
		oneTap(token, "{\"Code\":\"OK\",\"Message\":\"OK\",\"RequestId\":\"F8\",\"GetMobileResultDTO\":{\"Mobile\":\""
				+ mobile + "\"}}");

		Api.Answer first = api().post("/api/v1/auth/login/one-tap", Map.of("token", token));
		Api.Answer again = api().post("/api/v1/auth/login/one-tap", Map.of("token", token));

		assertThat(first.code()).as(first.toString()).isEqualTo(200);
		assertThat(first.data().path("needInfo").asBoolean()).isTrue();
		assertThat(first.data().path("user").path("mobile").asString()).isEqualTo("+86" + mobile);
		assertThat(first.data().path("user").path("mobileVerified").asBoolean()).isTrue();
		assertThat(again.data().path("userId").asLong()).isEqualTo(first.data().path("userId").asLong());
		assertThat(this.jdbc.sql("select type || ' ' || data::text from event_outbox where user_id = ? order by seq")
			.param(first.data().path("userId").asLong())
			.query(String.class)
			.list()).as("issue 27: the account it made, once")
			.containsExactly(
					"user.created {\"via\": \"one_tap\", \"userId\": " + first.data().path("userId").asLong() + "}");
		Map<String, String> request = FakeCloud.form(TestDeliveries.webhook()
			.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo("/dypns/")))
			.stream()
			.filter((r) -> r.getBodyAsString().contains(token))
			.findFirst()
			.orElseThrow());
		assertThat(request).containsEntry("Action", "GetMobile").containsEntry("Version", "2017-05-25");
	}

	@Test
	void aRefusedTokenIs40105AndAHangingProvider50200() {
		String refused = "refused-" + unique();
		String slow = "slow-" + unique();
		oneTap(refused, "{\"Code\":\"isv.INVALID_TOKEN\",\"Message\":\"token invalid\",\"RequestId\":\"F9\"}");
		TestDeliveries.webhook()
			.stubFor(WireMock.post("/dypns/")
				.withRequestBody(WireMock.containing(slow))
				.willReturn(WireMock.okJson("{\"Code\":\"OK\"}").withFixedDelay(3_000).withTransformers("aliyun-rpc")));

		assertThat(api().post("/api/v1/auth/login/one-tap", Map.of("token", refused)).code()).isEqualTo(40105);
		assertThat(api().post("/api/v1/auth/login/one-tap", Map.of("token", slow)).code()).isEqualTo(50200);
	}

	@Test
	void oneTapIsCountedPerAddressLikeCodeSends() {
		String ip = newIp();
		for (int i = 0; i < 5; i++) {
			String token = "tap-" + unique();
			oneTap(token, "{\"Code\":\"OK\",\"GetMobileResultDTO\":{\"Mobile\":\"" + newMobile() + "\"}}");
			assertThat(api().send(Call.of("POST", "/api/v1/auth/login/one-tap").json(Map.of("token", token)).from(ip))
				.code()).isEqualTo(200);
		}

		Api.Answer busy = api()
			.send(Call.of("POST", "/api/v1/auth/login/one-tap").json(Map.of("token", "tap-" + unique())).from(ip));

		assertThat(busy.code()).isEqualTo(42800);
	}

	/**
	 * Review 3, finding 4: hostile one-tap tokens are refused as bad credentials, never
	 * 50000, and neither the access key secret nor the token's request reaches the log.
	 */
	@Test
	void hostileTokensAreRefusedWithoutAnySecretReachingTheLog(CapturedOutput output) {
		TestDeliveries.webhook()
			.stubFor(WireMock.post("/dypns/")
				.atPriority(10)
				.willReturn(WireMock.okJson("{\"Code\":\"isv.INVALID_TOKEN\",\"Message\":\"token invalid\"}")
					.withTransformers("aliyun-rpc")));
		List<Api.Answer> answers = new java.util.ArrayList<>();
		for (String token : List.of("{x}", "{", "}", "%", "%7Bx%7D", "a b", "a+b&Signature=x", "测试😀",
				"line\r\nX-Injected: 1", "../../etc/passwd", "?&=#", "nul\0", "t".repeat(20_000))) {
			answers.add(api()
				.send(Call.of("POST", "/api/v1/auth/login/one-tap").json(Map.of("token", token)).from(newIp())));
		}

		assertThat(answers).allSatisfy((answer) -> {
			assertThat(answer.code() / 100).as(answer.toString()).isEqualTo(answer.status());
			assertThat(answer.code()).as(answer.toString()).isIn(40000, 40105);
		});
		assertThat(output.getAll()).doesNotContain("Unexpected failure").doesNotContain(FakeCloud.aliyunSecret());
	}

	private void answer(String mobile, String json) {
		TestDeliveries.webhook()
			.stubFor(sendSms(mobile).willReturn(WireMock.okJson(json).withTransformers("aliyun-rpc")));
	}

	private static com.github.tomakehurst.wiremock.client.MappingBuilder sendSms(String mobile) {
		return WireMock.post("/").withRequestBody(WireMock.containing("PhoneNumbers=" + mobile));
	}

	private void oneTap(String token, String json) {
		TestDeliveries.webhook()
			.stubFor(WireMock.post("/dypns/")
				.withRequestBody(WireMock.containing("AccessToken=" + token))
				.willReturn(WireMock.okJson(json).withTransformers("aliyun-rpc")));
	}

	private List<Map<String, String>> sendSmsTo(String mobile) {
		return TestDeliveries.webhook()
			.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo("/")))
			.stream()
			.map(FakeCloud::form)
			.filter((form) -> mobile.equals(form.get("PhoneNumbers")))
			.toList();
	}

	private Api.Answer send(String mobile, String purpose) {
		// no log line may carry the number in full: the suite's log scan looks for it
		SensitiveValues.add(mobile);
		return api().send(Call.of("POST", "/api/v1/verification-codes")
			.json(Map.of("channel", "sms", "target", mobile, "purpose", purpose))
			.from(newIp()));
	}

}
