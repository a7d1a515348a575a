package com.usercenter.token;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

import com.usercenter.UserCenterApplication;
import com.usercenter.support.Api;
import com.usercenter.support.ApiTestBase;
import com.usercenter.support.SuiteLog;
import com.usercenter.support.TcpRelay;
import com.usercenter.support.TenantClient;
import com.usercenter.support.TestClock;
import com.usercenter.support.TestDatabase;
import com.usercenter.support.TestSecrets;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on one database, the second checking sessions and serving profiles from
 * memory: every way a session ends on the first holds on the second within a second, a
 * profile changed on the first shows on the second at once, and while the second's
 * channel of changes is cut, it reads the database on every request instead of trusting
 * memory.
 */
class RevocationAcrossInstancesIntegrationTest extends ApiTestBase {

	private static TcpRelay relay;

	private static ConfigurableApplicationContext second;

	private static Api b;

	@Autowired
	private JdbcClient jdbc;

	private static final String TENANT_LOGIN = "/sessions-rest/associatedBusiness/loginTenant";

	/**
	 * Instance B, started once beside this run's instance A, with A's issuer (one public
	 * URL).
	 */
	@BeforeEach
	void startTheSecondInstance() throws Exception {
		if (second != null) {
			return;
		}
		TestDatabase.Coordinates db = TestDatabase.get();
		URI database = URI.create(db.url().substring("jdbc:".length()));
		relay = new TcpRelay(database.getHost(), database.getPort());
		// as command-line arguments: they outrank application.yml, as a deployment's
		// settings do
		second = new SpringApplicationBuilder(UserCenterApplication.class, TestClock.Config.class).run(
				"--server.port=0", "--spring.datasource.url=" + db.url(),
				"--spring.datasource.username=" + db.username(), "--spring.datasource.password=" + db.password(),
				"--spring.datasource.hikari.maximum-pool-size=5",
				"--usercenter.crypto.master-key=" + TestSecrets.masterKey(),
				"--usercenter.changes.listen-url=jdbc:postgresql://127.0.0.1:" + relay.port() + database.getPath(),
				"--logging.structured.format.console=", "--usercenter.token.issuer=http://localhost:" + this.port);
		b = new Api(((WebServerApplicationContext) second).getWebServer().getPort());
		await(() -> second.getBean(LiveSessions.class).listening(), Duration.ofSeconds(10));
	}

	@AfterAll
	static void stopTheSecondInstance() throws Exception {
		if (second != null) {
			second.close();
			relay.close();
		}
	}

	@Test
	void aLogoutOnOneInstanceEndsTheTokenOnTheOtherWithinASecond() {
		String token = newUserToken();
		assertThat(b.get("/api/v1/users/me", token).code()).isEqualTo(200);
		assertThat(b.get("/api/v1/users/me", token).code()).as("now from memory").isEqualTo(200);

		api().post("/api/v1/auth/logout", null, token);

		assertThat(await(() -> b.get("/api/v1/users/me", token).code() == 40101, Duration.ofSeconds(1)))
			.as("instance B refuses the token within a second")
			.isTrue();
	}

	@Test
	void aPasswordChangeEndsTheOtherSessionsOnTheOtherInstance() {
		String mobile = newMobile();
		JsonNode registered = api()
			.post("/api/v1/auth/register",
					Map.of("mobile", mobile, "password", "Tw0-instances", "code", smsCode(mobile, "register")))
			.data();
		String kept = registered.path("accessToken").asString();
		String other = passwordLogin(mobile, "Tw0-instances").data().path("accessToken").asString();
		assertThat(b.get("/api/v1/users/me", other).code()).isEqualTo(200);

		api().post("/api/v1/users/me/password", Map.of("oldPassword", "Tw0-instances", "newPassword", "N3w-instances"),
				kept);

		assertThat(await(() -> b.get("/api/v1/users/me", other).code() == 40101, Duration.ofSeconds(1))).isTrue();
		assertThat(b.get("/api/v1/users/me", kept).code()).isEqualTo(200);
	}

	@Test
	void aHardTenantLoginOnOneInstanceEndsTheEarlierTokenOnTheOther() {
		TenantClient tenant = newTenant();
		String associatedId = "partner-" + unique();
		String first = tenant.post(TENANT_LOGIN, Map.of("associatedId", associatedId))
			.data()
			.path("accessToken")
			.asString();
		assertThat(b.get("/api/v1/users/me", first).code()).isEqualTo(200);

		tenant.post(TENANT_LOGIN, Map.of("associatedId", associatedId, "softLogin", false));

		assertThat(await(() -> b.get("/api/v1/users/me", first).code() == 40101, Duration.ofSeconds(1))).isTrue();
	}

	@Test
	void aTenantDisabledOnOneInstanceEndsItsTokensOnTheOther() {
		TenantClient tenant = newTenant();
		JsonNode login = tenant.post(TENANT_LOGIN, Map.of("associatedId", "disabled-" + unique())).data();
		String token = login.path("accessToken").asString();
		assertThat(b.get("/api/v1/users/me", token).code()).isEqualTo(200);
		assertThat(b.get("/api/v1/users/me", token).code()).as("now from memory").isEqualTo(200);

		api().patch("/api/v1/admin/tenants/" + tenant.key(), Map.of("status", "disabled"), adminToken());

		assertThat(await(() -> b.get("/api/v1/users/me", token).code() == 40101, Duration.ofSeconds(1))).isTrue();
		assertThat(b.post("/api/v1/auth/refresh", Map.of("refreshToken", login.path("refreshToken").asString())).code())
			.isEqualTo(40101);
	}

	@Test
	void aTenantOrUserStatusChangedInTheDatabaseIsHeardByTheOtherInstance() {
		// whatever writes the status (a race left a session unrevoked, an operator's
		// statement), the memory of the instance that serves the token hears of it
		TenantClient tenant = newTenant();
		String byTenant = tenant.post(TENANT_LOGIN, Map.of("associatedId", "status-" + unique()))
			.data()
			.path("accessToken")
			.asString();
		JsonNode user = newUser(newMobile());
		String own = user.path("accessToken").asString();
		for (String token : new String[] { byTenant, byTenant, own, own }) {
			assertThat(b.get("/api/v1/users/me", token).code()).isEqualTo(200);
		}

		this.jdbc.sql("update tenant set status = 'disabled' where tenant_key = ?").param(tenant.key()).update();
		this.jdbc.sql("update app_user set status = 'disabled' where id = ?")
			.param(user.path("userId").asLong())
			.update();

		assertThat(await(() -> b.get("/api/v1/users/me", byTenant).code() == 40101, Duration.ofSeconds(1))).isTrue();
		assertThat(await(() -> b.get("/api/v1/users/me", own).code() == 40101, Duration.ofSeconds(1))).isTrue();
	}

	@Test
	void anAdminDisablingTheAccountOnOneInstanceEndsItsTokensOnTheOther() {
		JsonNode user = newUser(newMobile());
		String token = user.path("accessToken").asString();
		assertThat(b.get("/api/v1/users/me", token).code()).isEqualTo(200);

		Api.Answer disabled = api().patch("/api/v1/admin/users/" + user.path("userId").asLong(),
				Map.of("status", "disabled"), adminToken());

		assertThat(disabled.code()).as(disabled.toString()).isEqualTo(200);
		assertThat(await(() -> b.get("/api/v1/users/me", token).code() == 40101, Duration.ofSeconds(1))).isTrue();
	}

	@Test
	void aReusedRefreshTokenOnOneInstanceEndsTheSessionOnTheOther() {
		JsonNode user = newUser(newMobile());
		String refresh = user.path("refreshToken").asString();
		String rotated = api().post("/api/v1/auth/refresh", Map.of("refreshToken", refresh))
			.data()
			.path("accessToken")
			.asString();
		assertThat(b.get("/api/v1/users/me", rotated).code()).isEqualTo(200);

		assertThat(api().post("/api/v1/auth/refresh", Map.of("refreshToken", refresh)).code()).isEqualTo(40101);

		assertThat(await(() -> b.get("/api/v1/users/me", rotated).code() == 40101, Duration.ofSeconds(1))).isTrue();
	}

	@Test
	void anAccountDeletionRequestedOnOneInstanceEndsItsTokensOnTheOther() {
		String mobile = newMobile();
		String token = newUser(mobile).path("accessToken").asString();
		assertThat(b.get("/api/v1/users/me", token).code()).isEqualTo(200);

		Api.Answer requested = api().post("/api/v1/users/me/deletion", Map.of("ticket", ticket(mobile, "verify")),
				token);

		assertThat(requested.code()).as(requested.toString()).isEqualTo(200);
		assertThat(await(() -> b.get("/api/v1/users/me", token).code() == 40101, Duration.ofSeconds(1))).isTrue();
	}

	@Test
	void aProfileChangedOnOneInstanceShowsOnTheOtherAtOnce() {
		String token = newUserToken();
		assertThat(b.get("/api/v1/users/me", token).data().path("nickname").isNull()).isTrue();
		assertThat(b.get("/api/v1/users/me", token).data().path("nickname").isNull()).as("now from memory").isTrue();
		long hobby = api().get("/api/v1/hobbies", token).data().get(0).path("id").asLong();

		api().patch("/api/v1/users/me", Map.of("nickname", "两个实例"), token);
		api().send(Api.Call.of("PUT", "/api/v1/users/me/hobbies")
			.json(Map.of("hobbyIds", java.util.List.of(hobby)))
			.bearer(token));

		assertThat(await(() -> {
			JsonNode seen = b.get("/api/v1/users/me", token).data();
			return "两个实例".equals(seen.path("nickname").asString()) && seen.path("hobbies").size() == 1;
		}, Duration.ofSeconds(1))).as("instance B shows the change within a second").isTrue();
		assertThat(api().get("/api/v1/users/me", token).data().path("nickname").asString()).as("instance A at once")
			.isEqualTo("两个实例");
	}

	@Test
	void aProfileIsServedFromMemoryUntilTheDatabaseAnnouncesAChange() {
		JsonNode user = newUser(newMobile());
		String token = user.path("accessToken").asString();
		long id = user.path("userId").asLong();
		b.get("/api/v1/users/me", token);

		// a change the database does not announce (its triggers off for this statement)
		this.jdbc.sql("""
				begin; set local session_replication_role = replica;
				update app_user set nickname = 'unannounced' where id = %d; commit""".formatted(id)).update();
		JsonNode kept = b.get("/api/v1/users/me", token).data();
		this.jdbc.sql("update app_user set signature = 'announced' where id = :id").param("id", id).update();

		assertThat(kept.path("nickname").isNull()).as("served from memory").isTrue();
		assertThat(await(() -> "announced".equals(b.get("/api/v1/users/me", token).data().path("signature").asString()),
				Duration.ofSeconds(1)))
			.isTrue();
		assertThat(b.get("/api/v1/users/me", token).data().path("nickname").asString()).isEqualTo("unannounced");
	}

	@Test
	void withoutItsChannelTheInstanceReadsProfilesFromTheDatabase() {
		String token = newUserToken();
		b.get("/api/v1/users/me", token);
		relay.cut();
		assertThat(await(() -> !second.getBean(LiveSessions.class).listening(), Duration.ofSeconds(3))).isTrue();

		api().patch("/api/v1/users/me", Map.of("nickname", "断开时"), token);
		String whileCut = b.get("/api/v1/users/me", token).data().path("nickname").asString();
		relay.restore();
		await(second.getBean(LiveSessions.class)::listening, Duration.ofSeconds(10));

		assertThat(whileCut).isEqualTo("断开时");
	}

	@Test
	void withoutItsChannelTheInstanceChecksTheDatabaseAndTrustsMemoryAgainOnceItIsBack() {
		String token = newUserToken();
		assertThat(b.get("/api/v1/users/me", token).code()).isEqualTo(200);
		LiveSessions sessions = second.getBean(LiveSessions.class);

		relay.cut();
		assertThat(await(() -> !sessions.listening(), Duration.ofSeconds(3))).as("the cut is noticed").isTrue();
		api().post("/api/v1/auth/logout", null, token);
		Api.Answer whileCut = b.get("/api/v1/users/me", token);
		relay.restore();
		boolean back = await(sessions::listening, Duration.ofSeconds(10));
		String fresh = newUserToken();
		b.get("/api/v1/users/me", fresh);
		api().post("/api/v1/auth/logout", null, fresh);

		assertThat(whileCut.code()).as("checked in the database, not trusted from memory").isEqualTo(40101);
		assertThat(back).isTrue();
		assertThat(await(() -> b.get("/api/v1/users/me", fresh).code() == 40101, Duration.ofSeconds(1))).isTrue();
	}

	@Test
	void aChannelThatStallsWithoutClosingIsDistrustedWithinSecondsAndComesBack() throws Exception {
		long logBefore = Files.size(SuiteLog.FILE);
		String token = newUserToken();
		assertThat(b.get("/api/v1/users/me", token).code()).isEqualTo(200);
		assertThat(b.get("/api/v1/users/me", token).code()).as("now from memory").isEqualTo(200);
		LiveSessions sessions = second.getBean(LiveSessions.class);

		relay.stall();
		Api.Answer afterLogout;
		boolean distrusted;
		try {
			api().post("/api/v1/auth/logout", null, token);
			// the announcement waits in the stalled relay: memory must stop being trusted
			distrusted = await(() -> !sessions.listening(), Duration.ofSeconds(3));
			afterLogout = b.get("/api/v1/users/me", token);
		}
		finally {
			relay.resume();
		}
		boolean back = await(sessions::listening, Duration.ofSeconds(15));
		String fresh = newUserToken();
		b.get("/api/v1/users/me", fresh);
		api().post("/api/v1/auth/logout", null, fresh);

		assertThat(distrusted).as("a stalled channel is noticed within seconds").isTrue();
		assertThat(afterLogout.code()).as("checked in the database, not trusted from memory").isEqualTo(40101);
		assertThat(back).as("listening again after the relay forwards again").isTrue();
		assertThat(await(() -> b.get("/api/v1/users/me", fresh).code() == 40101, Duration.ofSeconds(1))).isTrue();
		byte[] log = Files.readAllBytes(SuiteLog.FILE);
		String logged = new String(log, (int) logBefore, log.length - (int) logBefore, StandardCharsets.UTF_8);
		assertThat(logged).as("the loss is logged").contains("Lost the channel of changes");
	}

	private static boolean await(BooleanSupplier condition, Duration within) {
		long deadline = System.nanoTime() + within.toNanos();
		while (System.nanoTime() < deadline) {
			if (condition.getAsBoolean()) {
				return true;
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return condition.getAsBoolean();
	}

}
