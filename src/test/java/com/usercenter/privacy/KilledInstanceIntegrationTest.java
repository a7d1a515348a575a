package com.usercenter.privacy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.nimbusds.jose.jwk.RSAKey;
import com.usercenter.support.Api;
import com.usercenter.support.ApiTestBase;
import com.usercenter.support.FakeApple;
import com.usercenter.support.InstanceProcess;
import com.usercenter.support.TestClock;
import com.usercenter.support.TestDeliveries;
import com.usercenter.support.TestSecrets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An instance killed ({@code kill -9}: no shutdown hook, no rollback sent) while it
 * erases an account and waits on Apple to revoke its sign-in: nothing is half-erased, and
 * the next sweep on another instance finishes the work once, when the dead one's claim
 * lapses.
 */
class KilledInstanceIntegrationTest extends ApiTestBase {

	private static final String PASSWORD = "Kill-me-0k";

	private static final RSAKey APPLE_KEY = FakeApple.newKey();

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private ErasureJob job;

	@BeforeAll
	static void apple() {
		FakeApple.publish(APPLE_KEY);
		FakeApple.acceptRevocations();
	}

	@Test
	void anInstanceKilledWhileErasingLeavesTheAccountWholeAndTheNextSweepErasesItOnce() throws Exception {
		String refresh = "refresh-killed-" + unique();
		String mobile = newMobile();
		long userId = pendingDeletionWithAnAppleSignIn(mobile, refresh);
		// Apple takes its time with this account's revocation: the instance is in the
		// call
		TestDeliveries.webhook()
			.stubFor(WireMock.post("/auth/revoke")
				.atPriority(1)
				.withRequestBody(WireMock.containing(refresh))
				.willReturn(WireMock.ok().withFixedDelay(30_000)));
		// due now on the real clock the other instance runs on
		this.jdbc.sql("update app_user set erase_at = now() - interval '1 minute' where id = ?").param(userId).update();

		try (InstanceProcess doomed = InstanceProcess.start("doomed",
				List.of("--usercenter.deletion.sweep-interval=PT1S", "--usercenter.deletion.first-sweep-after=PT1S",
						"--usercenter.social.apple.client-ids=" + FakeApple.BUNDLE_ID,
						"--usercenter.social.apple.team-id=TEAM123456", "--usercenter.social.apple.key-id=KEY1234567",
						"--usercenter.social.apple.private-key=" + TestSecrets.applePrivateKeyPem(),
						"--usercenter.social.apple.base-url=" + TestDeliveries.providersUrl(),
						"--usercenter.social.read-timeout=60s",
						"--usercenter.token.issuer=http://localhost:" + this.port))) {
			boolean inTheCall = await(() -> FakeApple.formsSentTo("/auth/revoke")
				.stream()
				.anyMatch((form) -> refresh.equals(form.get("token"))), Duration.ofSeconds(30));
			doomed.kill();
			assertThat(doomed.awaitExit(Duration.ofSeconds(10))).as("killed").isEqualTo(137);
			assertThat(inTheCall).as("the instance was waiting on Apple when it died").isTrue();
		}
		String statusAfterTheKill = status(userId);
		long identitiesAfterTheKill = count("select count(*) from user_identity where user_id = ?", userId);
		TestDeliveries.webhook()
			.removeStub(TestDeliveries.webhook()
				.getStubMappings()
				.stream()
				.filter((stub) -> stub.getRequest().getBodyPatterns() != null
						&& stub.getRequest().getBodyPatterns().toString().contains(refresh))
				.findFirst()
				.orElseThrow());

		// the dead instance's claim lapses (its 5 minutes), and this instance's sweeps
		TestClock.advance(Duration.ofMinutes(6));
		this.job.sweep();
		this.job.sweep();

		assertThat(statusAfterTheKill).as("nothing half-erased").isEqualTo("active");
		assertThat(identitiesAfterTheKill).isEqualTo(1);
		assertThat(status(userId)).isEqualTo("erased");
		assertThat(count("select count(*) from user_identity where user_id = ?", userId)).isZero();
		assertThat(count("select count(*) from audit_event where user_id = ? and type = 'account_erased'", userId))
			.as("erased once")
			.isEqualTo(1);
		assertThat(passwordLogin(mobile, PASSWORD).code()).isEqualTo(40102);
	}

	private long pendingDeletionWithAnAppleSignIn(String mobile, String refresh) {
		Api.Answer registered = api().post("/api/v1/auth/register",
				Map.of("mobile", mobile, "password", PASSWORD, "code", smsCode(mobile, "register")));
		assertThat(registered.code()).as(registered.toString()).isEqualTo(200);
		String token = registered.data().path("accessToken").asString();
		String code = "code-" + unique();
		FakeApple.acceptCode(code, refresh);
		Api.Answer bound = api().post("/api/v1/users/me/identities",
				Map.of("provider", "apple", "identityToken",
						FakeApple.sign(APPLE_KEY, FakeApple.claims("001234." + unique() + ".0912", null).build()),
						"authorizationCode", code),
				token);
		assertThat(bound.code()).as(bound.toString()).isEqualTo(200);
		Api.Answer requested = api().post("/api/v1/users/me/deletion", Map.of("password", PASSWORD), token);
		assertThat(requested.code()).as(requested.toString()).isEqualTo(200);
		return registered.data().path("userId").asLong();
	}

	private String status(long userId) {
		return this.jdbc.sql("select status from app_user where id = ?").param(userId).query(String.class).single();
	}

	private long count(String sql, long userId) {
		return this.jdbc.sql(sql).param(userId).query(Long.class).single();
	}

	private static boolean await(java.util.function.BooleanSupplier condition, Duration within)
			throws InterruptedException {
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
