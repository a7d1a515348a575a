package com.usercenter.privacy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.nimbusds.jose.jwk.RSAKey;
import com.usercenter.support.Api;
import com.usercenter.support.ApiTestBase;
import com.usercenter.support.FakeApple;
import com.usercenter.support.InstanceProcess;
import com.usercenter.support.TenantClient;
import com.usercenter.support.TestClock;
import com.usercenter.support.TestDeliveries;
import com.usercenter.support.TestSecrets;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Account deletion as the App Store and PIPL ask for it: requested with proof, every
 * session ended at once, kept by signing in and cancelling within the cooling-off period,
 * erased when it ends (Apple sign-ins revoked first) by a job several instances run at
 * once, after which every contact and identity can sign up again as someone new.
 */
class AccountDeletionIntegrationTest extends ApiTestBase {

	private static final String PASSWORD = "Delete-me-0k";

	private static final Duration COOLING_OFF = Duration.ofDays(15);

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
	void deletionNeedsTheHoldersProof() {
		String mobile = newMobile();
		String token = registered(mobile);

		Api.Answer none = api().post("/api/v1/users/me/deletion", Map.of(), token);
		Api.Answer wrong = api().post("/api/v1/users/me/deletion", Map.of("password", "Wrong-passw0rd"), token);
		Api.Answer otherTicket = api().post("/api/v1/users/me/deletion",
				Map.of("ticket", ticket(newMobile(), "verify")), token);
		Api.Answer anonymous = api().post("/api/v1/users/me/deletion", Map.of("password", PASSWORD));

		assertThat(none.code()).isEqualTo(40102);
		assertThat(wrong.code()).isEqualTo(40102);
		assertThat(otherTicket.code()).isEqualTo(40004);
		assertThat(anonymous.code()).isEqualTo(40100);
		assertThat(api().get("/api/v1/users/me", token).data().path("deletion").isNull()).isTrue();
	}

	@Test
	void aRequestEndsEverySessionAndSigningInAgainCanKeepTheAccount() {
		String mobile = newMobile();
		String token = registered(mobile);
		String other = passwordLogin(mobile, PASSWORD).data().path("accessToken").asString();
		long requestedAt = TestClock.now().toEpochMilli();

		Api.Answer requested = api().post("/api/v1/users/me/deletion", Map.of("ticket", ticket(mobile, "verify")),
				token);

		assertThat(requested.code()).as(requested.toString()).isEqualTo(200);
		assertThat(requested.data().path("status").asString()).isEqualTo("pending");
		assertThat(requested.data().path("eraseAt").asLong() - requestedAt).isBetween(COOLING_OFF.toMillis() - 5_000,
				COOLING_OFF.toMillis() + 5_000);
		assertThat(api().get("/api/v1/users/me", token).code()).isEqualTo(40101);
		assertThat(api().get("/api/v1/users/me", other).code()).isEqualTo(40101);

		String again = passwordLogin(mobile, PASSWORD).data().path("accessToken").asString();
		assertThat(api().get("/api/v1/users/me", again).data().path("deletion").path("status").asString())
			.isEqualTo("pending");
		assertThat(api().send(Api.Call.of("DELETE", "/api/v1/users/me/deletion").bearer(again)).code()).isEqualTo(200);
		assertThat(api().get("/api/v1/users/me", again).data().path("deletion").isNull()).isTrue();

		TestClock.advance(COOLING_OFF.plusMinutes(1));
		this.job.sweep();
		assertThat(passwordLogin(mobile, PASSWORD).code()).as("the account stayed").isEqualTo(200);
	}

	@Test
	void aPartnerOnlyAccountIsProvenByAFreshSignInAlone() {
		TenantClient tenant = newTenant();
		String associatedId = "fresh-" + unique();
		String stale = partnerLogin(tenant, associatedId, false).path("accessToken").asString();
		TestClock.advance(Duration.ofMinutes(11));
		String resumed = partnerLogin(tenant, associatedId, true).path("accessToken").asString();

		Api.Answer fromStale = api().post("/api/v1/users/me/deletion", Map.of(), stale);
		Api.Answer fromResumed = api().post("/api/v1/users/me/deletion", Map.of(), resumed);
		String fresh = partnerLogin(tenant, associatedId, false).path("accessToken").asString();
		Api.Answer fromFresh = api().post("/api/v1/users/me/deletion", Map.of(), fresh);

		assertThat(fromStale.code()).as("signed in 11 minutes ago").isEqualTo(40102);
		assertThat(fromResumed.code()).as("a soft login is not a new sign-in").isEqualTo(40102);
		assertThat(fromFresh.code()).as(fromFresh.toString()).isEqualTo(200);
		assertThat(fromFresh.data().path("status").asString()).isEqualTo("pending");
	}

	/**
	 * Issue 27: {@code user.erased} is recorded in the erasing transaction before the
	 * features delete what they keep, so a partner's subscription still gets it with the
	 * associatedId its mapping had, although the same transaction deletes the mapping.
	 */
	@Test
	void erasureRecordsUserErasedAndThePartnersSubscriptionGetsItWithTheAssociatedIdTheMappingHad() {
		TenantClient tenant = newTenant();
		long subscription = this.jdbc.sql("""
				insert into webhook_subscription (url, events, tenant_id, created_at, updated_at)
				select 'https://hooks.example.com/' || tenant_key, array['*'], id, now(), now()
				from tenant where tenant_key = ? returning id
				""").param(tenant.key()).query(Long.class).single();
		try {
			String associatedId = "erased-" + unique();
			JsonNode login = partnerLogin(tenant, associatedId, false);
			long userId = login.path("userId").asLong();
			Api.Answer requested = api().post("/api/v1/users/me/deletion", Map.of(),
					login.path("accessToken").asString());
			assertThat(requested.code()).as(requested.toString()).isEqualTo(200);
			TestClock.advance(COOLING_OFF.plusMinutes(1));

			this.job.sweep();

			assertThat(status(userId)).isEqualTo("erased");
			assertThat(count("select count(*) from tenant_account where user_id = ?", userId)).isZero();
			assertThat(this.jdbc
				.sql("select type || ' ' || (data = jsonb_build_object('userId', user_id)) from event_outbox"
						+ " where user_id = ? and type = 'user.erased'")
				.param(userId)
				.query(String.class)
				.list()).containsExactly("user.erased true");
			assertThat(this.jdbc.sql("""
					select e.type || ' ' || coalesce(d.associated_id, '-')
					from webhook_delivery d join event_outbox e on e.seq = d.event_seq
					where d.subscription_id = ? and d.user_id = ? order by d.event_seq
					""").params(subscription, userId).query(String.class).list()).containsExactly(
					"user.created " + associatedId, "user.deletion_requested " + associatedId,
					"user.erased " + associatedId);
		}
		finally {
			this.jdbc.sql("delete from webhook_subscription where id = ?").param(subscription).update();
		}
	}

	@Test
	void aPartnerCannotCancelADeletionItCouldNotHaveStarted() {
		TenantClient first = newTenant();
		TenantClient second = newTenant();
		String associatedId = "shared-" + unique();
		long userId = partnerLogin(first, associatedId, false).path("userId").asLong();
		this.jdbc.sql("""
				insert into tenant_account (tenant_id, associated_id, user_id, created_at)
				select id, ?, ?, now() from tenant where tenant_key = ?""")
			.params(associatedId, userId, second.key())
			.update();
		String admin = adminToken();
		api().patch("/api/v1/admin/tenants/" + first.key(), Map.of("status", "disabled"), admin);
		String bySecond = partnerLogin(second, associatedId, false).path("accessToken").asString();
		assertThat(api().post("/api/v1/users/me/deletion", Map.of(), bySecond).code()).isEqualTo(200);
		api().patch("/api/v1/admin/tenants/" + first.key(), Map.of("status", "active"), admin);

		String byFirst = partnerLogin(first, associatedId, false).path("accessToken").asString();
		Api.Answer cancelledByFirst = api().send(Api.Call.of("DELETE", "/api/v1/users/me/deletion").bearer(byFirst));

		assertThat(cancelledByFirst.code()).as("re-enabled, the first partner did not start it").isEqualTo(40300);
		assertThat(api().get("/api/v1/users/me", byFirst).data().path("deletion").path("status").asString())
			.isEqualTo("pending");
		String again = partnerLogin(second, associatedId, false).path("accessToken").asString();
		assertThat(api().send(Api.Call.of("DELETE", "/api/v1/users/me/deletion").bearer(again)).code())
			.as("the partner whose sign-in proved it")
			.isEqualTo(200);
		assertThat(api().get("/api/v1/users/me", again).data().path("deletion").isNull()).isTrue();
	}

	@Test
	void aPartnerCannotCancelADeletionTheOwnerProved() {
		TenantClient tenant = newTenant();
		String associatedId = "owner-" + unique();
		long userId = partnerLogin(tenant, associatedId, false).path("userId").asLong();
		String mobile = newMobile();
		String own = registered(mobile);
		long ownId = api().get("/api/v1/users/me", own).data().path("userId").asLong();
		this.jdbc.sql("delete from tenant_account where user_id = ?").param(userId).update();
		this.jdbc.sql("""
				insert into tenant_account (tenant_id, associated_id, user_id, created_at)
				select id, ?, ?, now() from tenant where tenant_key = ?""")
			.params(associatedId, ownId, tenant.key())
			.update();
		assertThat(api().post("/api/v1/users/me/deletion", Map.of("password", PASSWORD), own).code()).isEqualTo(200);

		String byPartner = partnerLogin(tenant, associatedId, false).path("accessToken").asString();
		Api.Answer cancelled = api().send(Api.Call.of("DELETE", "/api/v1/users/me/deletion").bearer(byPartner));

		assertThat(cancelled.code()).isEqualTo(40300);
		String byOwner = passwordLogin(mobile, PASSWORD).data().path("accessToken").asString();
		assertThat(api().send(Api.Call.of("DELETE", "/api/v1/users/me/deletion").bearer(byOwner)).code())
			.isEqualTo(200);
	}

	/**
	 * Contract 9.2: the record of an imported line outlives the account, so the file the
	 * person came in by, sent again, does not bring them back after erasure.
	 */
	@Test
	void anErasedImportedAccountIsNotBroughtBackBySendingItsFileAgain() {
		String mobile = newMobile();
		String file = "{\"externalId\":\"erase-imp-" + unique() + "\",\"mobile\":\"" + mobile
				+ "\",\"mobileVerified\":true}\n";
		assertThat(importFile(file).data().path("imported").asLong()).isEqualTo(1);
		JsonNode login = newUser(mobile);
		long userId = login.path("userId").asLong();
		String ticket = ticket(mobile, "verify");
		assertThat(
				api().post("/api/v1/users/me/deletion", Map.of("ticket", ticket), login.path("accessToken").asString())
					.code())
			.isEqualTo(200);
		TestClock.advance(COOLING_OFF.plusMinutes(1));
		this.job.sweep();
		assertThat(api().get("/api/v1/admin/users/" + userId, adminToken()).data().path("status").asString())
			.isEqualTo("erased");

		Api.Answer answer = importFile(file);
		assertThat(answer.code()).as(answer.toString()).isEqualTo(200);
		JsonNode again = answer.data();

		assertThat(again.path("imported").asLong()).isZero();
		assertThat(again.path("skipped").asLong()).isEqualTo(1);
		assertThat(this.jdbc.sql("select count(*) from app_user where mobile = ?")
			.param("+86" + mobile)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void erasureLeavesOnlyTheIdAndEveryContactAndIdentitySignsUpAnewAfterIt() {
		String mobile = newMobile();
		String email = "erase-" + unique() + "@example.com";
		JsonNode login = api()
			.post("/api/v1/auth/register", Map.of("mobile", mobile, "password", PASSWORD, "code",
					smsCode(mobile, "register"), "nickname", "将被删除"))
			.data();
		long userId = login.path("userId").asLong();
		String token = login.path("accessToken").asString();
		assertThat(api()
			.post("/api/v1/users/me/email",
					Map.of("email", email, "code", emailCode(email, "change_contact"), "password", PASSWORD), token)
			.code()).isEqualTo(200);
		api().post("/api/v1/users/me/devices", Map.of("deviceType", "ios", "deviceId", "erase-device"), token);
		String appleSubject = "001234." + unique() + ".0912";
		String refresh = "refresh-" + unique();
		String code = "code-" + unique();
		FakeApple.acceptCode(code, refresh);
		assertThat(api().post("/api/v1/users/me/identities", Map.of("provider", "apple", "identityToken",
				FakeApple.sign(APPLE_KEY, FakeApple.claims(appleSubject, null).build()), "authorizationCode", code),
				token)
			.code()).isEqualTo(200);
		TenantClient tenant = newTenant();
		String associatedId = "erased-" + unique();
		long partnerUser = tenant
			.post("/sessions-rest/associatedBusiness/loginTenant", Map.of("associatedId", associatedId))
			.data()
			.path("userId")
			.asLong();
		String partnerToken = tenant
			.post("/sessions-rest/associatedBusiness/loginTenant", Map.of("associatedId", associatedId))
			.data()
			.path("accessToken")
			.asString();
		assertThat(api().post("/api/v1/users/me/deletion", Map.of("password", PASSWORD), token).code()).isEqualTo(200);
		assertThat(api().post("/api/v1/users/me/deletion", Map.of(), partnerToken).code())
			.as("an account with neither password nor contact is proven by its token")
			.isEqualTo(200);

		TestClock.advance(COOLING_OFF.plusMinutes(1));
		this.job.sweep();

		JsonNode erased = api().get("/api/v1/admin/users/" + userId, adminToken()).data();
		assertThat(erased.path("status").asString()).isEqualTo("erased");
		assertThat(erased.path("mobile").isNull()).isTrue();
		assertThat(erased.path("email").isNull()).isTrue();
		assertThat(erased.path("nickname").isNull()).isTrue();
		assertThat(erased.path("identities")).isEmpty();
		assertThat(count("select count(*) from device where user_id = ?", userId)).isZero();
		assertThat(count("select count(*) from user_session where user_id = ?", userId)).isZero();
		assertThat(count("select count(*) from audit_event where user_id = ? and (detail is not null or ip is not null)"
				+ " and type <> 'account_erased'", userId))
			.isZero();
		assertThat(count("select count(*) from audit_event where user_id = ? and type = 'account_erased'", userId))
			.isEqualTo(1);
		assertThat(FakeApple.formsSentTo("/auth/revoke")).anySatisfy((form) -> {
			assertThat(form.get("token")).isEqualTo(refresh);
			assertThat(form.get("token_type_hint")).isEqualTo("refresh_token");
			assertThat(form.get("client_id")).isEqualTo(FakeApple.BUNDLE_ID);
		});

		TestClock.advance(Duration.ofSeconds(61));
		long again = api()
			.post("/api/v1/auth/register",
					Map.of("mobile", mobile, "password", PASSWORD, "code", smsCode(mobile, "register")))
			.data()
			.path("userId")
			.asLong();
		long byEmail = api().post("/api/v1/auth/login/code", Map.of("email", email, "code", emailCode(email, "login")))
			.data()
			.path("userId")
			.asLong();
		Api.Answer byApple = api().post("/api/v1/auth/login/social", Map.of("provider", "apple", "identityToken",
				FakeApple.sign(APPLE_KEY, FakeApple.claims(appleSubject, null).build())));
		Api.Answer partnerNotCreate = tenant.post("/sessions-rest/associatedBusiness/loginTenant",
				Map.of("associatedId", associatedId, "notCreate", true));
		Api.Answer partnerAnew = tenant.post("/sessions-rest/associatedBusiness/loginTenant",
				Map.of("associatedId", associatedId));

		assertThat(again).isNotEqualTo(userId);
		assertThat(byEmail).isNotIn(userId, again);
		assertThat(byApple.data().path("needInfo").asBoolean()).isTrue();
		assertThat(byApple.data().path("userId").asLong()).isNotEqualTo(userId);
		assertThat(partnerNotCreate.code()).isEqualTo(40401);
		assertThat(partnerAnew.data().path("needInfo").asBoolean()).isTrue();
		assertThat(partnerAnew.data().path("userId").asLong()).isNotEqualTo(partnerUser);
		assertThat(api().get("/api/v1/users/" + userId, newUserToken()).code()).isEqualTo(40401);
		assertThat(api().patch("/api/v1/admin/users/" + userId, Map.of("status", "active"), adminToken()).code())
			.isEqualTo(40401);
	}

	/**
	 * Review 3, finding 10: after erasure the number stayed in clear in rate_limit keys
	 * (two days) and in code and ticket targets (until the sweep).
	 */
	@Test
	void erasureLeavesTheContactInNoCodeTicketOrLimit() {
		String mobile = newMobile();
		String token = registered(mobile);
		assertThat(ticket(mobile, "verify")).isNotBlank();
		assertThat(api().post("/api/v1/users/me/deletion", Map.of("password", PASSWORD), token).code()).isEqualTo(200);
		assertThat(clearTraces("+86" + mobile, mobile)).as("before erasure").isPositive();

		TestClock.advance(COOLING_OFF.plusMinutes(1));
		this.job.sweep();

		assertThat(clearTraces("+86" + mobile, mobile)).isZero();
	}

	private long clearTraces(String e164, String digits) {
		return this.jdbc.sql("""
				select (select count(*) from verification_code where target = :e164)
				     + (select count(*) from verification_ticket where target = :e164)
				     + (select count(*) from rate_limit where key like :anywhere)""")
			.param("e164", e164)
			.param("anywhere", "%" + digits + "%")
			.query(Long.class)
			.single();
	}

	@Test
	void twoInstancesSweepingAtOnceEraseEachAccountOnce() throws Exception {
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			String mobile = newMobile();
			String token = registered(mobile);
			ids.add(api().get("/api/v1/users/me", token).data().path("userId").asLong());
			api().post("/api/v1/users/me/deletion", Map.of("password", PASSWORD), token);
		}
		TestClock.advance(COOLING_OFF.plusMinutes(1));

		ExecutorService instances = Executors.newFixedThreadPool(2);
		int erased = 0;
		try {
			List<Callable<Integer>> sweeps = List.of(this.job::sweep, this.job::sweep);
			for (Future<Integer> sweep : instances.invokeAll(sweeps)) {
				erased += sweep.get();
			}
		}
		finally {
			instances.shutdownNow();
		}

		assertThat(erased).isGreaterThanOrEqualTo(ids.size());
		for (long id : ids) {
			assertThat(count("select count(*) from audit_event where user_id = ? and type = 'account_erased'", id))
				.isEqualTo(1);
		}
	}

	@Test
	void aSweepThatDiesMidwayIsFinishedByTheNextOnceItsClaimLapses() {
		String refresh = "refresh-dies-" + unique();
		long userId = pendingDeletionWithAnAppleSignInAppleWillNotRevoke(refresh);
		TestClock.advance(COOLING_OFF.plusMinutes(1));

		this.job.sweep();
		String statusWhileAppleFails = status(userId);
		TestDeliveries.webhook()
			.removeStub(TestDeliveries.webhook()
				.getStubMappings()
				.stream()
				.filter((stub) -> stub.getRequest().getBodyPatterns() != null
						&& stub.getRequest().getBodyPatterns().toString().contains(refresh))
				.findFirst()
				.orElseThrow());
		this.job.sweep();
		String statusWhileClaimed = status(userId);
		TestClock.advance(Duration.ofMinutes(6));
		this.job.sweep();
		this.job.sweep();

		assertThat(statusWhileAppleFails).as("Apple first, within the grace period").isEqualTo("active");
		assertThat(statusWhileClaimed).as("another sweep leaves a claimed account alone").isEqualTo("active");
		assertThat(status(userId)).isEqualTo("erased");
		assertThat(count("select count(*) from audit_event where user_id = ? and type = 'account_erased'", userId))
			.isEqualTo(1);
		assertThat(FakeApple.formsSentTo("/auth/revoke"))
			.anySatisfy((form) -> assertThat(form.get("token")).isEqualTo(refresh));
	}

	@Test
	void aBatchThatOutlastsTheLeaseIsNotTakenOverWhileItsInstanceWorksOnIt() throws Exception {
		// each Apple call takes 4 minutes of the service's clock: three accounts outlast
		// the 5-minute lease, one does not
		String prefix = "slow-" + unique();
		List<String> refreshes = List.of(prefix + "-a", prefix + "-b", prefix + "-c");
		for (String refresh : refreshes) {
			pendingDeletionWithAnAppleSignIn(refresh);
		}
		TestDeliveries.webhook()
			.stubFor(WireMock.post("/auth/revoke")
				.atPriority(1)
				.withRequestBody(WireMock.containing(prefix))
				.willReturn(WireMock.ok().withFixedDelay(300)));
		TestClock.advance(COOLING_OFF.plusMinutes(1));

		ExecutorService instances = Executors.newFixedThreadPool(2);
		try {
			Future<Integer> first = instances.submit(this.job::sweep);
			Future<?> other = null;
			int seen = 0;
			while (!first.isDone()) {
				int sent = revocationsOf(prefix).size();
				for (; seen < sent; seen++) {
					TestClock.advance(Duration.ofMinutes(4));
				}
				if (seen > 0 && other == null) {
					// the first instance holds the batch now: another one sweeps
					// meanwhile
					other = instances.submit(() -> {
						while (!first.isDone()) {
							this.job.sweep();
							Thread.sleep(20);
						}
						return null;
					});
				}
				Thread.sleep(5);
			}
			first.get();
			if (other != null) {
				other.get(20, java.util.concurrent.TimeUnit.SECONDS);
			}
		}
		finally {
			instances.shutdownNow();
		}

		assertThat(revocationsOf(prefix)).as("each sign-in revoked once, by the instance that held it")
			.containsExactlyInAnyOrderElementsOf(refreshes);
	}

	private List<String> revocationsOf(String prefix) {
		return FakeApple.formsSentTo("/auth/revoke")
			.stream()
			.map((form) -> form.get("token"))
			.filter((token) -> token != null && token.startsWith(prefix))
			.toList();
	}

	@Test
	void appleNeverAnsweringDelaysErasureOnlyByTheGracePeriod() {
		String refresh = "refresh-never-" + unique();
		long userId = pendingDeletionWithAnAppleSignInAppleWillNotRevoke(refresh);

		TestClock.advance(COOLING_OFF.plusHours(12));
		this.job.sweep();
		String halfway = status(userId);
		TestClock.advance(Duration.ofHours(13));
		this.job.sweep();

		assertThat(halfway).isEqualTo("active");
		assertThat(status(userId)).isEqualTo("erased");
		assertThat(count("select count(*) from audit_event where user_id = ? and type = 'apple_revocation_failed'",
				userId))
			.isEqualTo(1);
	}

	/**
	 * An instance killed ({@code kill -9}: no shutdown hook, no rollback sent) while it
	 * erases an account and waits on Apple to revoke its sign-in: nothing is half-erased,
	 * and this instance's sweep finishes the work once, when the dead one's claim lapses.
	 */
	@Test
	void anInstanceKilledWhileErasingLeavesTheAccountWholeAndTheNextSweepErasesItOnce() throws Exception {
		String refresh = "refresh-killed-" + unique();
		long userId = pendingDeletionWithAnAppleSignIn(refresh);
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
			boolean inTheCall = awaitTrue(() -> FakeApple.formsSentTo("/auth/revoke")
				.stream()
				.anyMatch((form) -> refresh.equals(form.get("token"))), Duration.ofSeconds(30));
			doomed.kill();
			assertThat(doomed.awaitExit(Duration.ofSeconds(10))).as("killed").isEqualTo(137);
			assertThat(inTheCall).as("the instance was waiting on Apple when it died").isTrue();
		}
		String statusAfterTheKill = status(userId);
		long identitiesAfterTheKill = count("select count(*) from user_identity where user_id = ?", userId);
		TestDeliveries.webhook()
			.getStubMappings()
			.stream()
			.filter((stub) -> stub.getRequest().getBodyPatterns() != null
					&& stub.getRequest().getBodyPatterns().toString().contains(refresh))
			.toList()
			.forEach(TestDeliveries.webhook()::removeStub);

		// the dead instance's claim lapses (its 5 minutes), and this instance sweeps
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
	}

	private static boolean awaitTrue(java.util.function.BooleanSupplier condition, Duration within)
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

	/**
	 * An account with an Apple sign-in whose refresh token Apple answers 500 for at
	 * revocation, with its deletion asked for.
	 * @return the account's id
	 */
	private long pendingDeletionWithAnAppleSignInAppleWillNotRevoke(String refresh) {
		long userId = pendingDeletionWithAnAppleSignIn(refresh);
		TestDeliveries.webhook()
			.stubFor(WireMock.post("/auth/revoke")
				.atPriority(1)
				.withRequestBody(WireMock.containing(refresh))
				.willReturn(WireMock.serverError()));
		return userId;
	}

	/**
	 * An account with an Apple sign-in (Apple's refresh token {@code refresh}), with its
	 * deletion asked for.
	 * @return the account's id
	 */
	private long pendingDeletionWithAnAppleSignIn(String refresh) {
		String token = registered(newMobile());
		long userId = api().get("/api/v1/users/me", token).data().path("userId").asLong();
		String code = "code-" + unique();
		FakeApple.acceptCode(code, refresh);
		api().post("/api/v1/users/me/identities",
				Map.of("provider", "apple", "identityToken",
						FakeApple.sign(APPLE_KEY, FakeApple.claims("001234." + unique() + ".0912", null).build()),
						"authorizationCode", code),
				token);
		api().post("/api/v1/users/me/deletion", Map.of("password", PASSWORD), token);
		return userId;
	}

	private JsonNode partnerLogin(TenantClient tenant, String associatedId, boolean soft) {
		Api.Answer login = tenant.post("/sessions-rest/associatedBusiness/loginTenant",
				Map.of("associatedId", associatedId, "softLogin", soft));
		assertThat(login.code()).as(login.toString()).isEqualTo(200);
		return login.data();
	}

	private String registered(String mobile) {
		Api.Answer answer = api().post("/api/v1/auth/register",
				Map.of("mobile", mobile, "password", PASSWORD, "code", smsCode(mobile, "register")));
		assertThat(answer.code()).as(answer.toString()).isEqualTo(200);
		return answer.data().path("accessToken").asString();
	}

	private String status(long userId) {
		return this.jdbc.sql("select status from app_user where id = ?").param(userId).query(String.class).single();
	}

	private Api.Answer importFile(String file) {
		return api().send(Api.Call.of("POST", "/api/v1/admin/users/import")
			.body(file.getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/x-ndjson")
			.bearer(adminToken()));
	}

	private long count(String sql, long userId) {
		return this.jdbc.sql(sql).param(userId).query(Long.class).single();
	}

}
