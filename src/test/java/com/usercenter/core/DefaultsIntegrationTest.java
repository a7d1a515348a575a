package com.usercenter.core;

import java.time.Duration;
import java.util.Map;

import com.usercenter.core.web.ClientIp;
import com.usercenter.limit.Limit;
import com.usercenter.limit.Limiter;
import com.usercenter.support.Api.Call;
import com.usercenter.support.AdminSecondFactor;
import com.usercenter.support.Api;
import com.usercenter.support.PostgresTestConfig;
import com.usercenter.support.TestSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service as shipped and as Compose runs it: {@code log} delivery providers, social
 * sign-in off without app credentials, no trusted proxy, so a client cannot choose its
 * own address with {@code X-Forwarded-For}, and actuator on a port of its own
 * ({@code management.server.port}, 8081 in Compose), serving nothing on the public port.
 * Actuator on the public port, for ADMIN only, is OperationsIntegrationTest's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "logging.structured.format.console=", "usercenter.sms.provider=log",
				"usercenter.email.provider=log", "management.server.port=0" })
@Import(PostgresTestConfig.class)
@ExtendWith(OutputCaptureExtension.class)
// a context of its own: closed after the class, so its connections go back to PostgreSQL
@DirtiesContext
class DefaultsIntegrationTest {

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private Limiter limiter;

	@Test
	void logProvidersWriteTheMessageToTheDeliveryLog(CapturedOutput output) {
		Api api = new Api(this.port);

		Api.Answer sms = api.post("/api/v1/verification-codes",
				Map.of("channel", "sms", "target", "13700137001", "purpose", "verify"));
		Api.Answer email = api.post("/api/v1/verification-codes",
				Map.of("channel", "email", "target", "defaults@example.com", "purpose", "verify"));

		assertThat(sms.code()).isEqualTo(200);
		assertThat(email.code()).isEqualTo(200);
		assertThat(output.getOut()).contains("usercenter.delivery").contains("SMS to +8613700137001");
		assertThat(output.getOut()).contains("Email to defaults@example.com");
	}

	@Test
	void providersWithoutAppCredentialsAreOff() {
		Api api = new Api(this.port);

		Api.Answer weibo = api.post("/api/v1/auth/login/social",
				Map.of("provider", "weibo", "accessToken", "any-token", "uid", "1"));
		Api.Answer qq = api.post("/api/v1/auth/login/social",
				Map.of("provider", "qq", "accessToken", "any-token", "openId", "x"));
		Api.Answer wechat = api.post("/api/v1/auth/login/social", Map.of("provider", "wechat", "code", "any-code"));

		assertThat(weibo.code()).isEqualTo(40105);
		assertThat(qq.code()).isEqualTo(40105);
		assertThat(wechat.code()).isEqualTo(40105);
	}

	@Test
	void forwardedForIsIgnoredWithoutATrustedProxy() {
		Api api = new Api(this.port);

		api.send(Call.of("POST", "/api/v1/auth/login/password")
			.json(Map.of("account", "spoof-test-account", "password", "whatever-1"))
			.header("X-Forwarded-For", "203.0.113.77"));

		// counted by the sign-in gate (and audited) under the connection's address only
		Limit signIns = Limit.of("sign-in-ip", 1, Duration.ofMinutes(1));
		assertThat(this.limiter.peek(signIns, ClientIp.address("127.0.0.1")).hits()
				+ this.limiter.peek(signIns, ClientIp.address("0:0:0:0:0:0:0:1")).hits())
			.isPositive();
		assertThat(this.limiter.peek(signIns, ClientIp.address("203.0.113.77")).hits()).isZero();
		assertThat(this.jdbc.sql("select count(*) from audit_event where ip = ?")
			.param("203.0.113.77")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void metricsAndHealthAreOnTheManagementPortOnly() {
		Api api = new Api(this.port);
		Api management = new Api(this.managementPort);

		Api.Answer metrics = management.get("/actuator/prometheus");
		Api.Answer health = management.get("/actuator/health/readiness");
		String admin = AdminSecondFactor.token(api);

		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.text()).contains("jvm_memory_used_bytes");
		assertThat(health.status()).isEqualTo(200);
		assertThat(api.get("/actuator/prometheus", admin).code()).isEqualTo(40400);
	}

}
