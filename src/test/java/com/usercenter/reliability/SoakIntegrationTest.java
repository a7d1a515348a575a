package com.usercenter.reliability;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import com.usercenter.support.Api;
import com.usercenter.support.Api.Call;
import com.usercenter.support.ApiTestBase;
import com.usercenter.support.TenantClient;
import com.usercenter.support.TestDeliveries;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mixed traffic for a while (20 s in the suite; {@code ./mvnw verify -Psoak} runs 5
 * minutes, or {@code -Psoak -Dsoak.duration=PT30M}): tenant hard, soft and first logins,
 * password logins, profile reads and writes, refreshes, code sends and verifies. Every
 * answer is a 200 envelope, the heap after the run is where it was after warm-up, and the
 * connection pool goes back to idle.
 */
class SoakIntegrationTest extends ApiTestBase {

	private static final int WORKERS = 8;

	private static final long MIB = 1024 * 1024;

	@Autowired
	private DataSource dataSource;

	private final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();

	private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

	@Test
	void mixedTrafficAnswersOnlySuccessWithFlatMemoryAndAnIdlePool() throws Exception {
		Duration duration = Duration.parse(System.getProperty("usercenter.soak.duration", "PT20S"));
		Api api = new Api(this.port, false);
		TenantClient partner = newTenant();
		Traffic traffic = new Traffic(api, new TenantClient(api, partner.key(), partner.secret()), adminToken());
		traffic.prepare();

		long warmUpEnds = System.nanoTime() + duration.toNanos() / 4;
		long ends = System.nanoTime() + duration.toNanos();
		ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
		List<Future<?>> running = new ArrayList<>();
		for (int w = 0; w < WORKERS; w++) {
			running.add(workers.submit(() -> traffic.runUntil(ends)));
		}
		sleepUntil(warmUpEnds);
		long heapAfterWarmUp = heapAfterGc();
		for (Future<?> worker : running) {
			worker.get();
		}
		workers.shutdown();
		long heapAtEnd = heapAfterGc();
		HikariPoolMXBean pool = this.dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean();
		long idleBy = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (pool.getActiveConnections() > 0 && System.nanoTime() < idleBy) {
			Thread.sleep(50);
		}

		System.out.printf("soak %s: %s; heap after warm-up %d MiB, at end %d MiB; pool %d total, %d active%n", duration,
				this.outcomes, heapAfterWarmUp / MIB, heapAtEnd / MIB, pool.getTotalConnections(),
				pool.getActiveConnections());
		assertThat(this.failures).as("answers other than 200").isEmpty();
		assertThat(this.outcomes.values().stream().mapToLong(AtomicLong::get).sum()).isGreaterThan(WORKERS * 10L);
		assertThat(heapAtEnd).as("heap after the run against after warm-up")
			.isLessThan(heapAfterWarmUp + Math.max(48 * MIB, heapAfterWarmUp / 4));
		assertThat(pool.getActiveConnections()).as("connections still borrowed").isZero();
		assertThat(pool.getThreadsAwaitingConnection()).isZero();
	}

	private static long heapAfterGc() {
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static void sleepUntil(long nanoTime) throws InterruptedException {
		long left = nanoTime - System.nanoTime();
		if (left > 0) {
			Thread.sleep(left / 1_000_000);
		}
	}

	/** The mix: what a busy morning of one partner and its app users looks like. */
	private final class Traffic {

		private final Api api;

		private final TenantClient tenant;

		private final String admin;

		/** Users that only hard-log-in (each login ends the one before). */
		private final List<String> hardUsers = new ArrayList<>();

		/** Users whose soft sessions the profile reads and writes use. */
		private final List<String> softUsers = new ArrayList<>();

		private final List<String> softTokens = new ArrayList<>();

		private final List<String> passwordAccounts = new ArrayList<>();

		private static final String PASSWORD = "Soak-passw0rd";

		Traffic(Api api, TenantClient tenant, String admin) {
			this.api = api;
			this.tenant = tenant;
			this.admin = admin;
		}

		void prepare() {
			for (int i = 0; i < 20; i++) {
				this.hardUsers.add("soak-hard-" + unique());
				String soft = "soak-soft-" + unique();
				this.softUsers.add(soft);
				this.softTokens.add(ok("setup", login(soft, true)).path("accessToken").asString());
			}
			for (int i = 0; i < 4; i++) {
				String username = "soak" + unique();
				ok("setup", this.api.post("/api/v1/admin/users",
						Map.of("email", newEmail(), "username", username, "password", PASSWORD), this.admin));
				this.passwordAccounts.add(username);
			}
		}

		void runUntil(long ends) {
			String refreshToken = ok("setup", login("soak-refresh-" + unique(), false)).path("refreshToken").asString();
			ThreadLocalRandom random = ThreadLocalRandom.current();
			while (System.nanoTime() < ends) {
				int pick = random.nextInt(100);
				if (pick < 20) {
					ok("hardLogin", login(any(this.hardUsers), false));
				}
				else if (pick < 30) {
					ok("softLogin", login(any(this.softUsers), true));
				}
				else if (pick < 35) {
					ok("firstLogin", login("soak-new-" + unique(), false));
				}
				else if (pick < 40) {
					ok("passwordLogin", this.api.post("/api/v1/auth/login/password",
							Map.of("account", any(this.passwordAccounts), "password", PASSWORD)));
				}
				else if (pick < 70) {
					ok("me", this.api.get("/api/v1/users/me", any(this.softTokens)));
				}
				else if (pick < 80) {
					ok("patchMe", this.api.patch("/api/v1/users/me",
							Map.of("nickname", "soak " + random.nextInt(1000), "height", 150 + random.nextInt(50)),
							any(this.softTokens)));
				}
				else if (pick < 90) {
					refreshToken = ok("refresh",
							this.api.post("/api/v1/auth/refresh", Map.of("refreshToken", refreshToken)))
						.path("refreshToken")
						.asString();
				}
				else {
					sendAndVerify();
				}
			}
		}

		private void sendAndVerify() {
			String mobile = newMobile();
			ok("codeSend",
					this.api.send(Call.of("POST", "/api/v1/verification-codes")
						.json(Map.of("channel", "sms", "target", mobile, "purpose", "login"))
						.from(newIp())));
			String code = TestDeliveries.takeSmsCode("+86" + mobile);
			ok("codeVerify", this.api.post("/api/v1/verification-codes/verify",
					Map.of("target", mobile, "purpose", "login", "code", code)));
		}

		private Api.Answer login(String associatedId, boolean soft) {
			return this.tenant.post("/sessions-rest/associatedBusiness/loginTenant",
					Map.of("associatedId", associatedId, "softLogin", soft));
		}

		private static String any(List<String> values) {
			return values.get(ThreadLocalRandom.current().nextInt(values.size()));
		}

	}

	private JsonNode ok(String kind, Api.Answer answer) {
		this.outcomes.computeIfAbsent(kind + " " + answer.status(), (key) -> new AtomicLong()).incrementAndGet();
		if ((answer.status() != 200 || answer.code() != 200) && this.failures.size() < 20) {
			this.failures.add(kind + ": " + answer);
		}
		return answer.data();
	}

}
