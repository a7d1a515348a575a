package com.usercenter.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import com.usercenter.UserCenterApplication;
import com.usercenter.changes.Announcements;
import com.usercenter.support.Api;
import com.usercenter.support.PrivatePostgres;
import com.usercenter.support.TenantClient;
import com.usercenter.support.TestSecrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real PostgreSQL server (the test's own) stopped and started again while two instances
 * serve sign-ins, refreshes, profile reads and code sends: during the outage every answer
 * is an envelope (50300, never 500) within the pool's time limit; afterwards both
 * instances recover by themselves within seconds and listen for changes again; nothing
 * committed before is lost; and a revoked token never opens anything, on either instance,
 * at any point.
 */
class PostgresRestartIntegrationTest {

	private static final String TENANT_LOGIN = "/sessions-rest/associatedBusiness/loginTenant";

	private static final String TENANT_KEY = "restart-partner";

	private static PrivatePostgres postgres;

	private static ConfigurableApplicationContext first;

	private static ConfigurableApplicationContext second;

	private static final String TENANT_SECRET = TestSecrets.random(32);

	@BeforeAll
	static void startTheServerAndTwoInstances() throws Exception {
		postgres = PrivatePostgres.start();
		first = instance();
		second = instance();
	}

	@AfterAll
	static void stopEverything() {
		for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] { first, second }) {
			if (context != null) {
				context.close();
			}
		}
		if (postgres != null) {
			postgres.close();
		}
	}

	private static ConfigurableApplicationContext instance() {
		return new SpringApplicationBuilder(UserCenterApplication.class).run("--server.port=0",
				"--spring.datasource.url=" + postgres.jdbcUrl("usercenter"), "--spring.datasource.username=postgres",
				"--spring.datasource.password=", "--spring.datasource.hikari.maximum-pool-size=6",
				"--spring.datasource.hikari.connection-timeout=1000",
				"--spring.datasource.hikari.validation-timeout=500",
				"--usercenter.crypto.master-key=" + TestSecrets.masterKey(), "--server.forward-headers-strategy=native",
				"--usercenter.sms.provider=log", "--usercenter.email.provider=log",
				"--usercenter.tenant.bootstrap.key=" + TENANT_KEY,
				"--usercenter.tenant.bootstrap.secret=" + TENANT_SECRET,
				"--usercenter.bootstrap.admin.username=" + TestSecrets.ADMIN_USERNAME,
				"--usercenter.bootstrap.admin.password=" + TestSecrets.adminPassword(),
				"--usercenter.token.issuer=http://usercenter.test", "--logging.structured.format.console=",
				"--logging.level.usercenter.access=warn");
	}

	private static Api api(ConfigurableApplicationContext context) {
		return new Api(((WebServerApplicationContext) context).getWebServer().getPort(), false);
	}

	@Test
	void aRestartUnderLoadAnswersEnvelopesLosesNothingAndNeverReopensARevokedToken() throws Exception {
		Api a = api(first);
		Api b = api(second);
		List<Api> both = List.of(a, b);
		TenantClient partnerOnA = new TenantClient(a, TENANT_KEY, TENANT_SECRET);
		String revoked = partnerLogin(a, partnerOnA, "revoked-before").data().path("accessToken").asString();
		assertThat(b.get("/api/v1/users/me", revoked).code()).isEqualTo(200);
		assertThat(a.post("/api/v1/auth/logout", null, revoked).code()).isEqualTo(200);
		assertThat(await(() -> b.get("/api/v1/users/me", revoked).code() == 40101, Duration.ofSeconds(2))).isTrue();

		Queue<String> wrong = new ConcurrentLinkedQueue<>();
		Queue<Long> committedUsers = new ConcurrentLinkedQueue<>();
		AtomicInteger unavailable = new AtomicInteger();
		AtomicInteger answered = new AtomicInteger();
		AtomicBoolean running = new AtomicBoolean(true);
		ExecutorService load = Executors.newFixedThreadPool(6);
		for (int worker = 0; worker < 6; worker++) {
			int id = worker;
			load.submit(() -> {
				Api api = both.get(id % 2);
				TenantClient partner = new TenantClient(api, TENANT_KEY, TENANT_SECRET);
				String token = null;
				String refresh = null;
				for (int round = 0; running.get(); round++) {
					String what = "?";
					long started = System.nanoTime();
					try {
						Api.Answer answer;
						switch (round % 5) {
							case 0 -> {
								what = "loginTenant";
								answer = partnerLogin(api, partner, "load-" + id + "-" + round);
								if (answer.code() == 200) {
									committedUsers.add(answer.data().path("userId").asLong());
									token = answer.data().path("accessToken").asString();
									refresh = answer.data().path("refreshToken").asString();
								}
							}
							case 1 -> {
								what = "me";
								answer = (token != null) ? api.get("/api/v1/users/me", token)
										: api.get("/api/v1/users/me");
							}
							case 2 -> {
								what = "refresh";
								answer = api.post("/api/v1/auth/refresh",
										Map.of("refreshToken", (refresh != null) ? refresh : "none"));
								if (answer.code() == 200) {
									token = answer.data().path("accessToken").asString();
									refresh = answer.data().path("refreshToken").asString();
								}
							}
							case 3 -> {
								what = "code";
								answer = api.post("/api/v1/verification-codes",
										Map.of("channel", "sms", "target",
												"139" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999)),
												"purpose", "register"));
							}
							default -> {
								what = "revoked";
								answer = api.get("/api/v1/users/me", revoked);
								if (answer.code() == 200) {
									wrong.add("a revoked token opened /users/me");
								}
							}
						}
						long millis = (System.nanoTime() - started) / 1_000_000;
						int code = answer.code();
						answered.incrementAndGet();
						if (code == 50300) {
							unavailable.incrementAndGet();
						}
						else if (code != 200 && !expectedRefusal(what, code)) {
							wrong.add(what + " answered " + answer);
						}
						if (millis > 6_000) {
							wrong.add(what + " took " + millis + " ms");
						}
					}
					catch (RuntimeException ex) {
						wrong.add(what + " failed: " + ex);
					}
				}
			});
		}

		Thread.sleep(2_000);
		postgres.stop("fast");
		Thread.sleep(3_000);
		int unavailableDuringOutage = unavailable.get();
		postgres.startServer();
		long back = System.nanoTime();
		boolean recovered = await(
				() -> both.stream().allMatch((api) -> readiness(api) == 200) && listening(first) && listening(second),
				Duration.ofSeconds(20));
		long recoveredMillis = (System.nanoTime() - back) / 1_000_000;
		// announcements flow again: a logout on one instance ends the token on the other
		String fresh = partnerLogin(a, partnerOnA, "after-" + System.nanoTime()).data().path("accessToken").asString();
		boolean freshServedOnB = b.get("/api/v1/users/me", fresh).code() == 200;
		a.post("/api/v1/auth/logout", null, fresh);
		boolean endedOnB = await(() -> b.get("/api/v1/users/me", fresh).code() == 40101, Duration.ofSeconds(2));
		Thread.sleep(2_000);
		running.set(false);
		load.shutdown();
		assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

		assertThat(wrong).as("answers other than 200, an expected refusal or 50300 in time").isEmpty();
		assertThat(unavailableDuringOutage).as("the outage was seen").isPositive();
		assertThat(recovered).as("both instances ready and listening again").isTrue();
		assertThat(recoveredMillis).as("recovered within seconds").isLessThan(15_000);
		assertThat(freshServedOnB).isTrue();
		assertThat(endedOnB).as("the channel of changes is back on the second instance").isTrue();
		JdbcClient database = JdbcClient.create(first.getBean(javax.sql.DataSource.class));
		Set<Long> stored = Set.copyOf(database.sql("select id from app_user").query(Long.class).list());
		assertThat(stored).as("every sign-in answered 200 is stored").containsAll(new ArrayList<>(committedUsers));
		assertThat(answered.get()).isGreaterThan(50);
	}

	/**
	 * A partner's sign-in, signed with the real time these instances keep (not the shared
	 * context's test clock, which other tests move forward).
	 */
	private static Api.Answer partnerLogin(Api api, TenantClient partner, String associatedId) {
		return api.send(partner.sign(Api.Call.of("POST", TENANT_LOGIN).json(Map.of("associatedId", associatedId)),
				System.currentTimeMillis(), TenantClient.nonce()));
	}

	/** Refusals the load may meet by design, with or without an outage. */
	private static boolean expectedRefusal(String what, int code) {
		return switch (what) {
			// no token yet, or the chain was lost to an outage
			case "me", "refresh", "revoked" -> code == 40100 || code == 40101;
			// per-address captcha and per-number limits
			case "code" -> code == 42900 || code == 42800;
			default -> false;
		};
	}

	private static boolean listening(ConfigurableApplicationContext context) {
		return context.getBean(Announcements.class).listening();
	}

	private static int readiness(Api api) {
		try {
			return api.send(Api.Call.of("GET", "/actuator/health/readiness")).status();
		}
		catch (RuntimeException ex) {
			return -1;
		}
	}

	private static boolean await(BooleanSupplier condition, Duration within) throws InterruptedException {
		long deadline = System.nanoTime() + within.toNanos();
		while (System.nanoTime() < deadline) {
			if (condition.getAsBoolean()) {
				return true;
			}
			Thread.sleep(100);
		}
		return condition.getAsBoolean();
	}

}
