package com.usercenter.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.usercenter.support.Api;
import com.usercenter.support.Api.Call;
import com.usercenter.support.ApiTestBase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metrics the dashboard in {@code docs/grafana-dashboard.json} reads exist, named by
 * Prometheus' conventions: sign-ins by method and result (a lockout is result 42300),
 * code sends by result, provider calls by provider and outcome, and every request's
 * status by route.
 */
class MetricsIntegrationTest extends ApiTestBase {

	@Test
	void signInsCodeSendsLockoutsAndProviderCallsAreCountedAndTheDashboardReadsOnlyThese() throws IOException {
		String mobile = newMobile();
		api().post("/api/v1/auth/register",
				Map.of("mobile", mobile, "password", "Metr1cs-pass", "code", smsCode(mobile, "register")));
		passwordLogin(mobile, "Metr1cs-pass");
		for (int guess = 0; guess < 7; guess++) {
			passwordLogin(mobile, "Wrong-pass-" + guess);
		}

		String metrics = api().get("/actuator/prometheus", adminToken()).text();

		assertThat(metrics).containsPattern("usercenter_sign_ins_total\\{method=\"password\",result=\"success\"}")
			.containsPattern("usercenter_sign_ins_total\\{method=\"password\",result=\"40102\"}")
			.containsPattern("usercenter_sign_ins_total\\{method=\"password\",result=\"42300\"}")
			.containsPattern("usercenter_sign_ins_total\\{method=\"register\",result=\"success\"}")
			.containsPattern("usercenter_code_sends_total\\{method=\"api\",result=\"success\"}")
			.containsPattern(
					"usercenter_provider_requests_seconds_count\\{outcome=\"success\",provider=\"sms_webhook\"}")
			.containsPattern(
					"usercenter_provider_requests_seconds_bucket\\{outcome=\"success\",provider=\"sms_webhook\",le=")
			.containsPattern(
					"http_server_requests_seconds_count\\{[^}]*outcome=\"CLIENT_ERROR\"[^}]*uri=\"/api/v1/auth/login/password\"");
		for (String metric : dashboardMetrics()) {
			assertThat(metrics).as("the dashboard reads " + metric).containsPattern("(?m)^" + metric + "[{ ]");
		}
	}

	@Test
	void answersGivenBeforeTheControllerCountForTheEndpointThatWouldHaveRun() {
		String huge = "{\"account\":\"nobody\",\"password\":\"" + "x".repeat(100_000) + "\"}";
		Api.Answer tooLarge = api().send(Call.of("POST", "/api/v1/auth/login/password").json(huge).from(newIp()));
		Api.Answer unsigned = api().post("/sessions-rest/associatedBusiness/loginTenant", Map.of("associatedId", "x"));

		String metrics = api().get("/actuator/prometheus", adminToken()).text();

		assertThat(tooLarge.code()).isEqualTo(41300);
		assertThat(unsigned.code()).isEqualTo(40103);
		assertThat(metrics).containsPattern("usercenter_sign_ins_total\\{method=\"password\",result=\"41300\"}")
			.containsPattern("usercenter_sign_ins_total\\{method=\"tenant\",result=\"40103\"}");
	}

	/** Every metric name the Grafana dashboard's queries use. */
	private static Set<String> dashboardMetrics() throws IOException {
		String dashboard = Files.readString(Path.of("docs/grafana-dashboard.json"));
		Set<String> names = new TreeSet<>();
		Matcher matcher = Pattern
			.compile("\\b(usercenter_[a-z_]+|http_server_requests_seconds_[a-z]+|hikaricp_[a-z_]+|jvm_[a-z_]+)\\b")
			.matcher(dashboard);
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		assertThat(names).hasSizeGreaterThan(5);
		return names;
	}

}
