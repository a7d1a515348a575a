package com.usercenter.core;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.usercenter.support.Api;
import com.usercenter.support.Api.Call;
import com.usercenter.support.ApiTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every failure, wherever it happens, answers the envelope with the right code and HTTP
 * status.
 */
class EnvelopeIntegrationTest extends ApiTestBase {

	@Test
	void unknownPathAnswers40400() {
		Api.Answer answer = api().get("/no/such/path");

		assertThat(answer.status()).isEqualTo(404);
		assertThat(answer.code()).isEqualTo(40400);
		assertThat(answer.msg()).isEqualTo("资源不存在");
		assertThat(answer.json().has("data")).isTrue();
		assertThat(answer.data().isNull()).isTrue();
	}

	@Test
	void messageFollowsAcceptLanguage() {
		Api.Answer answer = api().send(Call.of("GET", "/no/such/path").header("Accept-Language", "en-US,en;q=0.9"));

		assertThat(answer.msg()).isEqualTo("Not found");
	}

	@Test
	void filterErrorsAreChineseByDefaultAndEnglishOnRequest() {
		Api.Answer tenantDefault = api().post("/sessions-rest/associatedBusiness/loginTenant", Map.of());
		Api.Answer tenantEnglish = api().send(Call.of("POST", "/sessions-rest/associatedBusiness/loginTenant")
			.json(Map.of())
			.header("Accept-Language", "en"));
		Api.Answer bearerDefault = api().get("/api/v1/users/me");
		Api.Answer bearerEnglish = api().send(Call.of("GET", "/api/v1/users/me").header("Accept-Language", "en"));

		assertThat(tenantDefault.msg()).isEqualTo("租户签名无效");
		assertThat(tenantEnglish.msg()).isEqualTo("Tenant signature invalid");
		assertThat(bearerDefault.msg()).isEqualTo("需要登录");
		assertThat(bearerEnglish.msg()).isEqualTo("Authentication required");
		assertThat(tenantDefault.json().path("traceId").asString()).isEqualTo(tenantDefault.header("X-Request-Id"));
		assertThat(bearerDefault.json().path("traceId").asString()).isEqualTo(bearerDefault.header("X-Request-Id"));
	}

	@Test
	void successMessageFollowsAcceptLanguage() {
		Api.Answer chinese = api().send(Call.of("GET", "/api/v1/users/me").bearer(adminToken()));
		Api.Answer english = api()
			.send(Call.of("GET", "/api/v1/users/me").bearer(adminToken()).header("Accept-Language", "en"));

		assertThat(chinese.msg()).isEqualTo("成功");
		assertThat(english.msg()).isEqualTo("Success");
	}

	@Test
	void requestsTomcatRejectsItselfStillAnswerTheEnvelope() {
		Api.Answer encodedSlash = api().get("/api/v1/hobbies%2F..%2Fadmin");
		Api.Answer english = api().send(Call.of("GET", "/api/v1/hobbies%2F..%2Fadmin").header("Accept-Language", "en"));

		assertThat(encodedSlash.status()).isEqualTo(400);
		assertThat(encodedSlash.header("Content-Type")).startsWith("application/json");
		assertThat(encodedSlash.code()).isEqualTo(40000);
		assertThat(encodedSlash.msg()).isEqualTo("请求参数无效");
		assertThat(english.msg()).isEqualTo("Invalid request");
	}

	@Test
	void valuesTheDatabaseCannotHoldAnswer40000() {
		Api.Answer nul = api().post("/api/v1/auth/login/password",
				Map.of("account", "a\u0000b", "password", "x1x1x1x1"));

		assertThat(nul.status()).isEqualTo(400);
		assertThat(nul.code()).isEqualTo(40000);
	}

	@Test
	void wrongMethodAnswers40500() {
		Api.Answer answer = api().send(Call.of("DELETE", "/api/v1/auth/refresh"));

		assertThat(answer.status()).isEqualTo(405);
		assertThat(answer.code()).isEqualTo(40500);
	}

	@Test
	void oversizeBodyAnswers41300() {
		String huge = "{\"refreshToken\":\"" + "a".repeat(100_000) + "\"}";

		Api.Answer answer = api().send(Call.of("POST", "/api/v1/auth/refresh").json(huge));

		assertThat(answer.status()).isEqualTo(413);
		assertThat(answer.code()).isEqualTo(41300);
	}

	@Test
	void oversizeChunkedBodyAnswers41300() {
		String huge = "{\"refreshToken\":\"" + "a".repeat(100_000) + "\"}";
		Api.Answer answer = api().send(Call.of("POST", "/api/v1/auth/refresh")
			.body(huge.getBytes(StandardCharsets.UTF_8), "application/json")
			.streamed());

		assertThat(answer.status()).isEqualTo(413);
		assertThat(answer.code()).isEqualTo(41300);
	}

	/**
	 * How unreadable and missing bodies, a field that breaks its rule, a parameter sent
	 * twice and an unsupported media type map to the envelope is ErrorMappingSliceTest's;
	 * here, that the running service's JSON reader refuses a key sent twice.
	 */
	@Test
	void aKeySentTwiceInOneJsonObjectAnswers40001() {
		Api.Answer answer = api().post("/api/v1/auth/refresh", "{\"refreshToken\": \"a\", \"refreshToken\": \"b\"}");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.code()).isEqualTo(40001);
		assertThat(answer.text()).doesNotContain("Exception").doesNotContain("jackson");
	}

	@Test
	void protectedEndpointWithoutTokenAnswers40100() {
		Api.Answer answer = api().get("/api/v1/users/me");

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.code()).isEqualTo(40100);
	}

	@Test
	void garbageTokenAnswers40100() {
		Api.Answer answer = api().get("/api/v1/users/me", "not.a.token");

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.code()).isEqualTo(40100);
	}

	@Test
	void requestIdIsEchoedAndEqualsTraceId() {
		Api.Answer answer = api().send(Call.of("GET", "/no/such/path").header("X-Request-Id", "abc-123.x"));

		assertThat(answer.header("X-Request-Id")).isEqualTo("abc-123.x");
		assertThat(answer.json().path("traceId").asString()).isEqualTo("abc-123.x");
	}

	@ParameterizedTest
	@ValueSource(strings = { "evil value with spaces", "x\u00e9", "" })
	void unsafeRequestIdIsReplaced(String incoming) {
		Api.Answer answer = api().send(Call.of("GET", "/no/such/path").header("X-Request-Id", incoming));

		assertThat(answer.header("X-Request-Id")).isNotEqualTo(incoming).matches("[0-9a-f]{16}");
		assertThat(answer.json().path("traceId").asString()).isEqualTo(answer.header("X-Request-Id"));
	}

	@Test
	void successEnvelopeCarriesCodeMessageAndTraceId() {
		Api.Answer answer = api().post("/api/v1/auth/login/password",
				Map.of("account", "nobody-" + unique(), "password", "whatever1"));

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.code()).isEqualTo(40102);
		assertThat(answer.json().path("traceId").asString()).isNotBlank();
	}

	@Test
	void crossOriginRequestsAreRefusedByDefault() {
		Api.Answer preflight = api().send(Call.of("OPTIONS", "/api/v1/users/me")
			.header("Origin", "https://evil.example")
			.header("Access-Control-Request-Method", "GET")
			.header("Access-Control-Request-Headers", "Authorization"));
		Api.Answer simple = api()
			.send(Call.of("GET", "/api/v1/users/me").bearer(adminToken()).header("Origin", "https://evil.example"));

		assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
		assertThat(simple.header("Access-Control-Allow-Origin")).isNull();
	}

	@Test
	void securityHeadersAreSent() {
		Api.Answer answer = api().get("/api/v1/users/me");

		assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(answer.header("X-Frame-Options")).isEqualTo("DENY");
		assertThat(answer.header("Referrer-Policy")).isEqualTo("no-referrer");
	}

}
