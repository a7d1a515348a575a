package com.usercenter.passkey;

import java.util.Map;

import com.usercenter.UserCenterApplication;
import com.usercenter.support.Api;
import com.usercenter.support.ApiTestBase;
import com.usercenter.support.TestClock;
import com.usercenter.support.TestDatabase;
import com.usercenter.support.TestSecrets;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on one database: a ceremony started on one finishes on the other (the
 * challenge is in PostgreSQL, not in an instance's memory), and once finished it cannot
 * be finished again on either.
 */
class PasskeyAcrossInstancesIntegrationTest extends ApiTestBase {

	private static ConfigurableApplicationContext second;

	private static Api b;

	@BeforeEach
	void startTheSecondInstance() {
		if (second != null) {
			return;
		}
		TestDatabase.Coordinates db = TestDatabase.get();
		second = new SpringApplicationBuilder(UserCenterApplication.class, TestClock.Config.class).run(
				"--server.port=0", "--spring.datasource.url=" + db.url(),
				"--spring.datasource.username=" + db.username(), "--spring.datasource.password=" + db.password(),
				"--spring.datasource.hikari.maximum-pool-size=5",
				"--usercenter.crypto.master-key=" + TestSecrets.masterKey(), "--logging.structured.format.console=",
				"--usercenter.token.issuer=http://localhost:" + this.port);
		b = new Api(((WebServerApplicationContext) second).getWebServer().getPort());
	}

	@AfterAll
	static void stopTheSecondInstance() {
		if (second != null) {
			second.close();
		}
	}

	@Test
	void aRegistrationStartedOnOneInstanceFinishesOnTheOther() {
		String token = newUserToken();
		TestAuthenticator authenticator = new TestAuthenticator();
		JsonNode options = api().post("/api/v1/users/me/passkeys/options", null, token).data();

		Api.Answer registered = b.post("/api/v1/users/me/passkeys",
				Map.of("credential", authenticator.register(options)), token);

		assertThat(registered.code()).as(registered.toString()).isEqualTo(200);
		assertThat(api().get("/api/v1/users/me/passkeys", token).data()).hasSize(1);
	}

	@Test
	void aSignInStartedOnOneInstanceFinishesOnTheOtherOnce() {
		String token = newUserToken();
		TestAuthenticator authenticator = new TestAuthenticator();
		JsonNode creation = b.post("/api/v1/users/me/passkeys/options", null, token).data();
		assertThat(
				api().post("/api/v1/users/me/passkeys", Map.of("credential", authenticator.register(creation)), token)
					.code())
			.isEqualTo(200);
		Api.Answer options = b.post("/api/v1/auth/login/passkey/options", Map.of());
		Map<String, Object> body = Map.of("challengeId", options.data().path("challengeId").asString(), "credential",
				authenticator.assertion(options.data().path("options")));

		Api.Answer onA = api().post("/api/v1/auth/login/passkey", body);
		Api.Answer againOnB = b.post("/api/v1/auth/login/passkey", body);

		assertThat(onA.code()).as(onA.toString()).isEqualTo(200);
		assertThat(b.get("/api/v1/users/me", onA.data().path("accessToken").asString()).code()).isEqualTo(200);
		assertThat(againOnB.code()).isEqualTo(40101);
	}

}
