package com.usercenter.reliability;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import com.usercenter.core.ApiException;
import com.usercenter.support.AdminSecondFactor;
import com.usercenter.support.Api;
import com.usercenter.support.Api.Call;
import com.usercenter.support.TcpRelay;
import com.usercenter.support.TestClock;
import com.usercenter.support.TestDatabase;
import com.usercenter.support.TestSecrets;
import com.usercenter.support.TenantClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL taken away while the service runs: readiness goes DOWN, requests answer
 * 50300 within the pool's time limit instead of hanging, and within seconds of the
 * database's return everything works again with nothing half-written.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "logging.structured.format.console=", "usercenter.sms.provider=log",
				"usercenter.email.provider=log", "spring.datasource.hikari.connection-timeout=1000",
				"spring.datasource.hikari.validation-timeout=500", "spring.datasource.hikari.maximum-pool-size=4" })
@Import(TestClock.Config.class)
// a context of its own: closed after the class, so its connections go back to PostgreSQL
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class DatabaseOutageIntegrationTest {

	private static TcpRelay relay;

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@DynamicPropertySource
	static void throughTheRelay(DynamicPropertyRegistry registry) throws Exception {
		URI database = URI.create(TestDatabase.get().url().substring("jdbc:".length()));
		relay = new TcpRelay(database.getHost(), database.getPort());
		registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:" + relay.port() + database.getPath());
		registry.add("spring.datasource.username", () -> TestDatabase.get().username());
		registry.add("spring.datasource.password", () -> TestDatabase.get().password());
		registry.add("usercenter.crypto.master-key", TestSecrets::masterKey);
		registry.add("usercenter.bootstrap.admin.username", () -> TestSecrets.ADMIN_USERNAME);
		registry.add("usercenter.bootstrap.admin.password", TestSecrets::adminPassword);
	}

	@AfterAll
	static void closeRelay() throws Exception {
		relay.close();
	}

	@Test
	void outageAnswers50300FastAndTheServiceRecoversWithNothingLost(CapturedOutput output) throws Exception {
		Api api = new Api(this.port);
		String admin = login(api);
		Api.Answer tenantCreated = api.post("/api/v1/admin/tenants", Map.of("name", "outage"), admin);
		TenantClient tenant = new TenantClient(api, tenantCreated.data().path("tenantKey").asString(),
				tenantCreated.data().path("tenantSecret").asString());
		String userToken = tenant
			.post("/sessions-rest/associatedBusiness/loginTenant", Map.of("associatedId", "before"))
			.data()
			.path("accessToken")
			.asString();
		assertThat(readiness(api)).isEqualTo(200);

		relay.cut();
		long started = System.nanoTime();
		Api.Answer communities = api.get("/api/v1/communities?cityId=1");
		Api.Answer passwordLogin = api.post("/api/v1/auth/login/password",
				Map.of("account", TestSecrets.ADMIN_USERNAME, "password", TestSecrets.adminPassword()));
		Api.Answer me = api.get("/api/v1/users/me", userToken);
		Api.Answer tenantLogin = tenant.post("/sessions-rest/associatedBusiness/loginTenant",
				Map.of("associatedId", "during"));
		Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
		int readinessDuringOutage = readiness(api);

		assertThat(communities.status()).isEqualTo(503);
		assertThat(communities.code()).isEqualTo(50300);
		assertThat(passwordLogin.code()).isEqualTo(50300);
		assertThat(me.code()).as(me.toString()).isEqualTo(50300);
		assertThat(tenantLogin.code()).as(tenantLogin.toString()).isEqualTo(50300);
		assertThat(elapsed).as("four requests, each bounded by the 1 s pool timeout")
			.isLessThan(Duration.ofSeconds(10));
		assertThat(readinessDuringOutage).isEqualTo(503);
		assertThat(output.getAll()).as("a 50300 before the controller is an answer, not a servlet failure")
			.doesNotContain("Servlet.service()")
			.doesNotContain(ApiException.class.getName());

		relay.restore();
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		while (readiness(api) != 200 && System.nanoTime() < deadline) {
			Thread.sleep(200);
		}

		assertThat(readiness(api)).isEqualTo(200);
		assertThat(api.get("/api/v1/users/me", userToken).code()).isEqualTo(200);
		Api.Answer after = tenant.post("/sessions-rest/associatedBusiness/loginTenant",
				Map.of("associatedId", "during"));
		assertThat(after.code()).isEqualTo(200);
		assertThat(after.data().path("needInfo").asBoolean()).as("the failed login created nothing").isTrue();
		assertThat(this.jdbc
			.sql("select count(*) from tenant_account a join tenant t on t.id = a.tenant_id "
					+ "where t.tenant_key = ? and a.associated_id = 'during'")
			.param(tenant.key())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	private static int readiness(Api api) {
		return api.send(Call.of("GET", "/actuator/health/readiness")).status();
	}

	/** The bootstrap admin, signed in with its second factor (the admin API needs it). */
	private static String login(Api api) {
		return AdminSecondFactor.token(api);
	}

}
