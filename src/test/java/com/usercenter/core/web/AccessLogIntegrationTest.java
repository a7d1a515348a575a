package com.usercenter.core.web;

import java.util.Arrays;
import java.util.List;

import com.usercenter.support.Api;
import com.usercenter.support.ApiTestBase;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One access line per request with its route, status, time and request id, never the
 * token; and the HTTP metric names the route of a request the security filters refused.
 */
@ExtendWith(OutputCaptureExtension.class)
class AccessLogIntegrationTest extends ApiTestBase {

	@Test
	void everyRequestLeavesOneLineWithItsRouteStatusTimeAndRequestId(CapturedOutput output) {
		JsonNode user = newUser(newMobile());
		String token = user.path("accessToken").asString();
		long id = user.path("userId").asLong();

		Api.Answer read = api().get("/api/v1/users/" + id, token);
		Api.Answer refused = api().get("/api/v1/users/me");
		Api.Answer unknown = api().get("/no-such-thing/" + id);

		assertThat(read.code()).isEqualTo(200);
		assertThat(line(output, read.header("X-Request-Id")))
			.containsPattern("GET /api/v1/users/\\{userId} 200 \\d+ ms");
		assertThat(line(output, refused.header("X-Request-Id"))).containsPattern("GET /api/v1/users/me 401 \\d+ ms");
		assertThat(line(output, unknown.header("X-Request-Id"))).containsPattern("GET \\[unmatched] 404 \\d+ ms")
			.doesNotContain("no-such-thing");
		assertThat(output.getOut()).doesNotContain(token);
	}

	@Test
	void theMetricOfARefusedRequestNamesItsRouteNotUnknown() {
		api().get("/api/v1/users/me/sessions");
		api().get("/api/v1/admin/users", newUserToken());

		String metrics = api().get("/actuator/prometheus", adminToken()).text();

		assertThat(metrics).containsPattern(
				"http_server_requests_seconds_count\\{[^}]*status=\"401\"[^}]*uri=\"/api/v1/users/me/sessions\"");
		assertThat(metrics).containsPattern(
				"http_server_requests_seconds_count\\{[^}]*status=\"403\"[^}]*uri=\"/api/v1/admin/users\"");
	}

	private static String line(CapturedOutput output, String requestId) {
		List<String> lines = Arrays.stream(output.getOut().split("\n"))
			.filter((line) -> line.contains(AccessLog.LOGGER))
			.filter((line) -> line.contains(requestId))
			.toList();
		assertThat(lines).as("one access line for request " + requestId).hasSize(1);
		return lines.get(0);
	}

}
