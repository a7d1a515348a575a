package com.usercenter.verification;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.usercenter.limit.Limiter;
import com.usercenter.support.Api;
import com.usercenter.support.Api.Call;
import com.usercenter.support.ApiTestBase;
import com.usercenter.support.TestDeliveries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Code sends as an attacker uses them: pumping SMS through many addresses of one network,
 * to premium numbers abroad, from web pages, through a provider that hangs, and probing
 * which accounts exist.
 */
class SendAbuseIntegrationTest extends ApiTestBase {

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private Limiter limiter;

	@Test
	void theAddressesOfOneNetworkCountTogether() {
		String network = "198.51.100.";
		this.limiter.forget("198.51.100.0/24");
		for (int i = 1; i <= 20; i++) {
			assertThat(send(newMobile(), "login", network + i).code()).isEqualTo(200);
		}

		Api.Answer fresh = send(newMobile(), "login", network + 21);

		assertThat(fresh.code()).as("a fresh address of a busy network needs a captcha").isEqualTo(42800);
	}

	@Test
	void anIpv6CustomersNetworksCountAsOne() {
		// a /48, the most one customer is usually given, split into /64 networks of its
		// own
		String customer = "2001:db8:" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0xffff)) + ":";
		for (int i = 1; i <= 20; i++) {
			assertThat(send(newMobile(), "login", customer + Integer.toHexString(i) + "::1").code()).isEqualTo(200);
		}

		assertThat(send(newMobile(), "login", customer + "ff00::1").code()).isEqualTo(42800);
	}

	@Test
	void theAddressesOfOneIpv6SubscriberCountAsOne() {
		String subscriber = "2001:db8:" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0xffff)) + ":1::";
		for (int i = 1; i <= 5; i++) {
			assertThat(send(newMobile(), "login", subscriber + Integer.toHexString(i)).code()).isEqualTo(200);
		}

		assertThat(send(newMobile(), "login", subscriber + "ff").code()).isEqualTo(42800);
	}

	@ParameterizedTest
	@ValueSource(strings = { "+14155552671", "+447400123456", "+8816 1234 5678" })
	void numbersOutsideTheAllowedRegionsReceiveNoCode(String number) {
		Api.Answer answer = send(number, "login", newIp());

		assertThat(answer.code()).as(answer.toString()).isEqualTo(40000);
	}

	@Test
	void aCaptchaIsSpentWhenCheckedEvenWhenTheRequestFailsLater() {
		String ip = newIp();
		for (int i = 0; i < 30; i++) {
			exists(ip);
		}
		String mobile = newMobile();
		String key = knownCaptcha("K7PXA");

		Api.Answer wrongCode = register(mobile, "000000", ip, key);
		Api.Answer again = register(mobile, "000000", ip, key);

		assertThat(wrongCode.code()).isEqualTo(40002);
		assertThat(again.code()).as("the captcha was used up by the failed request").isEqualTo(40003);
	}

	@Test
	void registrationTellsNothingAboutATakenNumberWithoutItsCode() {
		String mobile = newMobile();
		newUser(mobile);

		Api.Answer probe = register(mobile, "000000", newIp(), null);

		assertThat(probe.code()).isEqualTo(40002);
	}

	@Test
	void registrationCountsWithExistsLookUpsPerAddress() {
		String ip = newIp();
		for (int i = 0; i < 30; i++) {
			exists(ip);
		}

		Api.Answer probe = register(newMobile(), "000000", ip, null);

		assertThat(probe.code()).isEqualTo(42800);
	}

	@Test
	void captchaImagesAreLimitedPerAddress() {
		String ip = newIp();
		for (int i = 0; i < 20; i++) {
			assertThat(api().send(Call.of("GET", "/api/v1/captcha").from(ip)).code()).isEqualTo(200);
		}

		Api.Answer refused = api().send(Call.of("GET", "/api/v1/captcha").from(ip));

		assertThat(refused.code()).isEqualTo(42900);
		assertThat(refused.header("Retry-After")).isNotNull();
		assertThat(api().send(Call.of("GET", "/api/v1/captcha").from(newIp())).code()).isEqualTo(200);
	}

	@Test
	void captchaImagesAreLimitedPerIpv6Subscriber() {
		String subscriber = "2001:db8:" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0xffff)) + ":2::";
		for (int i = 1; i <= 20; i++) {
			assertThat(api().send(Call.of("GET", "/api/v1/captcha").from(subscriber + Integer.toHexString(i))).code())
				.isEqualTo(200);
		}

		assertThat(api().send(Call.of("GET", "/api/v1/captcha").from(subscriber + "ff")).code()).isEqualTo(42900);
	}

	@Test
	void aResetAnswerIsTheSameAndAsFastForAnyAccountAndItsDeliveryFailureIsAudited() throws Exception {
		String existing = newMobile();
		newUser(existing);
		hang("+86" + existing);

		long started = System.nanoTime();
		Api.Answer known = send(existing, "reset_password", newIp());
		Duration knownTook = Duration.ofNanos(System.nanoTime() - started);
		Api.Answer unknown = send(newMobile(), "reset_password", newIp());

		assertThat(known.code()).isEqualTo(200);
		assertThat(knownTook).as("the answer does not wait for the provider").isLessThan(Duration.ofMillis(900));
		assertThat(known.data()).isEqualTo(unknown.data());
		assertThat(awaitAudit("delivery_failure",
				"reset_password code to " + existing.substring(0, 3) + "****" + existing.substring(7)))
			.as("the failed background delivery is audited")
			.isTrue();
	}

	/**
	 * Review 3, finding 10: a wrong reset code said attemptsLeft 4 where the account
	 * exists and 0 where none does.
	 */
	@Test
	void aResetCodeCheckTellsNothingAboutWhetherTheAccountExists() throws Exception {
		String existing = newMobile();
		newUser(existing);
		String nobody = newMobile();
		int before = TestDeliveries.smsTo("+86" + existing).size();

		assertThat(send(existing, "reset_password", newIp()).code()).isEqualTo(200);
		assertThat(send(nobody, "reset_password", newIp()).code()).isEqualTo(200);
		String real = TestDeliveries.awaitSmsCode("+86" + existing, before);
		awaitCodeFor("+86" + nobody);
		String wrong = real.equals("000000") ? "000001" : "000000";

		for (int i = 0; i < 6; i++) {
			Api.Answer known = api().post("/api/v1/verification-codes/verify",
					Map.of("target", existing, "purpose", "reset_password", "code", wrong));
			Api.Answer unknown = api().post("/api/v1/verification-codes/verify",
					Map.of("target", nobody, "purpose", "reset_password", "code", wrong));
			assertThat(unknown.code()).as("try " + i).isEqualTo(known.code()).isEqualTo(40002);
			assertThat(unknown.data()).as("try " + i + ": " + known).isEqualTo(known.data());
		}
		assertThat(TestDeliveries.smsTo("+86" + nobody)).as("nothing is sent to a number of nobody").isEmpty();
	}

	/** Waits (a little) for the background reset delivery to have stored its code. */
	private void awaitCodeFor(String target) throws InterruptedException {
		for (int i = 0; i < 30; i++) {
			if (this.jdbc.sql("select count(*) from verification_code where target = ?")
				.param(target)
				.query(Long.class)
				.single() > 0) {
				return;
			}
			Thread.sleep(100);
		}
	}

	@Test
	void aHangingProviderHoldsNoDatabaseConnection() throws Exception {
		String prefix = "1370" + String.format("%03d", ThreadLocalRandom.current().nextInt(1000));
		TestDeliveries.webhook()
			.stubFor(WireMock.post(TestDeliveries.SMS_PATH)
				.atPriority(1)
				.withRequestBody(WireMock.matchingJsonPath("$.to", WireMock.matching("\\+86" + prefix + "\\d{4}")))
				.willReturn(WireMock.ok().withFixedDelay(3_000)));
		String token = newUserToken();
		List<Callable<Api.Answer>> sends = new ArrayList<>();
		for (int i = 0; i < 25; i++) {
			String mobile = prefix + String.format("%04d", i);
			sends.add(() -> send(mobile, "login", newIp()));
		}
		CompletableFuture<List<Api.Answer>> hanging = CompletableFuture.supplyAsync(() -> {
			try {
				return runTogether(sends);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		Thread.sleep(300);

		long started = System.nanoTime();
		Api.Answer me = api().get("/api/v1/users/me", token);
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		boolean stillHanging = !hanging.isDone();

		assertThat(me.code()).isEqualTo(200);
		assertThat(took).as("with 25 sends waiting on the provider").isLessThan(Duration.ofSeconds(1));
		assertThat(stillHanging).isTrue();
		assertThat(hanging.get()).allSatisfy((answer) -> assertThat(answer.code()).isEqualTo(50200));
	}

	private void hang(String e164) {
		TestDeliveries.webhook()
			.stubFor(WireMock.post(TestDeliveries.SMS_PATH)
				.atPriority(1)
				.withRequestBody(WireMock.containing(e164))
				.willReturn(WireMock.ok().withFixedDelay(3_000)));
	}

	private boolean awaitAudit(String type, String detailPrefix) throws InterruptedException {
		for (int i = 0; i < 50; i++) {
			long found = this.jdbc.sql("select count(*) from audit_event where type = ? and detail like ?")
				.params(type, detailPrefix + "%")
				.query(Long.class)
				.single();
			if (found > 0) {
				return true;
			}
			Thread.sleep(100);
		}
		return false;
	}

	private Api.Answer send(String target, String purpose, String ip) {
		return api().send(Call.of("POST", "/api/v1/verification-codes")
			.json(Map.of("channel", "sms", "target", target, "purpose", purpose))
			.from(ip));
	}

	private void exists(String ip) {
		api().send(Call.of("POST", "/api/v1/auth/exists")
			.json(Map.of("type", "mobile", "identity", newMobile()))
			.from(ip));
	}

	private Api.Answer register(String mobile, String code, String ip, String captchaKey) {
		Map<String, String> body = new java.util.HashMap<>(
				Map.of("mobile", mobile, "password", "Pr0be-password", "code", code));
		if (captchaKey != null) {
			body.put("captchaKey", captchaKey);
			body.put("captchaCode", "K7PXA");
		}
		return api().send(Call.of("POST", "/api/v1/auth/register").json(body).from(ip));
	}

}
