package com.usercenter.cloud;

import java.util.Map;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.usercenter.support.Api;
import com.usercenter.support.Api.Call;
import com.usercenter.support.ApiTestBase;
import com.usercenter.support.FakeCloud;
import com.usercenter.support.SensitiveValues;
import com.usercenter.support.TestDeliveries;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tencent Cloud SMS against a fake Tencent Cloud that checks every request's TC3
 * signature with the configured secret and refuses bad ones as Tencent Cloud does.
 */
@TestPropertySource(properties = { "usercenter.sms.provider=tencent",
		"usercenter.sms.tencent.secret-id=" + FakeCloud.TENCENT_SECRET_ID,
		"usercenter.sms.tencent.sdk-app-id=1400006666", "usercenter.sms.tencent.sign-name=用户中心",
		"usercenter.sms.tencent.templates.register=1001", "usercenter.sms.tencent.templates.login=1002",
		"usercenter.sms.tencent.templates.reset-password=1003", "usercenter.sms.tencent.templates.change-contact=1004",
		"usercenter.sms.tencent.templates.verify=1005", "usercenter.sms.tencent.read-timeout=1s" })
@ExtendWith(OutputCaptureExtension.class)
// a context of its own: closed after the class, so its connections go back to PostgreSQL
@DirtiesContext
class TencentCloudIntegrationTest extends ApiTestBase {

	@DynamicPropertySource
	static void tencent(DynamicPropertyRegistry registry) {
		registry.add("usercenter.sms.tencent.base-url", () -> TestDeliveries.providersUrl() + "/tencent");
		registry.add("usercenter.sms.tencent.secret-key", FakeCloud::tencentSecret);
	}

	@Test
	void aCodeGoesOutAsASignedSendSmsAndOnlyOkIsSuccess() {
		String mobile = newMobile();
		answer(mobile,
				"{\"Response\":{\"SendStatusSet\":[{\"SerialNo\":\"5000:1045710669157053657849499619\","
						+ "\"PhoneNumber\":\"+86" + mobile + "\",\"Fee\":1,\"SessionContext\":\"\",\"Code\":\"Ok\","
						+ "\"Message\":\"send success\",\"IsoCode\":\"CN\"}],\"RequestId\":\"a0aabda6\"}}");

		Api.Answer sent = send(mobile);

		assertThat(sent.code()).as(sent.toString()).isEqualTo(200);
		var request = TestDeliveries.webhook()
			.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo("/tencent/")))
			.stream()
			.filter((r) -> r.getBodyAsString().contains(mobile))
			.findFirst()
			.orElseThrow();
		assertThat(request.getHeader("X-TC-Action")).isEqualTo("SendSms");
		assertThat(request.getHeader("X-TC-Version")).isEqualTo("2021-01-11");
		assertThat(request.getHeader("Content-Length")).isNotNull();
		JsonNode body = Api.JSON.readTree(request.getBodyAsString());
		assertThat(body.path("PhoneNumberSet").get(0).asString()).isEqualTo("+86" + mobile);
		assertThat(body.path("SmsSdkAppId").asString()).isEqualTo("1400006666");
		assertThat(body.path("TemplateId").asString()).isEqualTo("1002");
		String code = body.path("TemplateParamSet").get(0).asString();
		SensitiveValues.add(code);
		assertThat(api().post("/api/v1/auth/login/code", Map.of("mobile", mobile, "code", code)).code()).isEqualTo(200);
	}

	@Test
	void aNumberTheProviderDidNotSendToIs50200AndNotCounted(CapturedOutput output) {
		String mobile = newMobile();
		answer(mobile,
				"{\"Response\":{\"SendStatusSet\":[{\"PhoneNumber\":\"+86" + mobile + "\","
						+ "\"Code\":\"LimitExceeded.PhoneNumberDailyLimit\",\"Message\":\"单个手机号日下发短信条数超过设定的上限\"}],"
						+ "\"RequestId\":\"b1\"}}");

		Api.Answer first = send(mobile);
		Api.Answer second = send(mobile);

		assertThat(first.code()).isEqualTo(50200);
		assertThat(second.code()).isEqualTo(50200);
		assertThat(output.getOut()).contains("LimitExceeded.PhoneNumberDailyLimit")
			.doesNotContain("单个手机号日下发短信条数")
			.doesNotContain(mobile);
	}

	@Test
	void anErrorResponseIs50200() {
		String mobile = newMobile();
		answer(mobile, "{\"Response\":{\"Error\":{\"Code\":\"FailedOperation.SignatureIncorrectOrUnapproved\","
				+ "\"Message\":\"签名未审批\"},\"RequestId\":\"c2\"}}");

		assertThat(send(mobile).code()).isEqualTo(50200);
	}

	@Test
	void theFakeRefusesAForgedSignature() {
		String mobile = newMobile();
		answer(mobile, "{\"Response\":{\"SendStatusSet\":[{\"Code\":\"Ok\"}],\"RequestId\":\"d3\"}}");
		Api provider = new Api(TestDeliveries.webhook().port());

		Api.Answer forged = provider.send(Call.of("POST", "/tencent/")
			.json(Map.of("PhoneNumberSet", java.util.List.of("+86" + mobile)))
			.header("X-TC-Timestamp", Long.toString(com.usercenter.support.TestClock.now().getEpochSecond()))
			.header("Authorization", "TC3-HMAC-SHA256 Credential=" + FakeCloud.TENCENT_SECRET_ID
					+ "/2026-01-01/sms/tc3_request, SignedHeaders=content-type;host, Signature=" + "0".repeat(64)));

		assertThat(forged.json().path("Response").path("Error").path("Code").asString())
			.isEqualTo("AuthFailure.SignatureFailure");
	}

	private void answer(String mobile, String json) {
		TestDeliveries.webhook()
			.stubFor(WireMock.post("/tencent/")
				.withRequestBody(WireMock.containing(mobile))
				.willReturn(WireMock.okJson(json).withTransformers("tencent-tc3")));
	}

	private Api.Answer send(String mobile) {
		// no log line may carry the number in full: the suite's log scan looks for it
		SensitiveValues.add(mobile);
		return api().send(Call.of("POST", "/api/v1/verification-codes")
			.json(Map.of("channel", "sms", "target", mobile, "purpose", "login"))
			.from(newIp()));
	}

}
