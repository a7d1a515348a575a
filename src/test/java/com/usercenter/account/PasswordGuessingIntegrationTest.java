package com.usercenter.account;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.usercenter.support.Api;
import com.usercenter.support.Api.Call;
import com.usercenter.support.ApiTestBase;
import com.usercenter.support.TestClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Password guessing, as an attacker tries it: in bursts, against accounts that exist and
 * that do not, and through every place that takes a current password.
 */
class PasswordGuessingIntegrationTest extends ApiTestBase {

	private static final String PASSWORD = "Guess-me-n0t";

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private MeterRegistry meters;

	@Test
	void aHundredGuessesAtOnceAreEvaluatedAtMostFiveTimes() throws Exception {
		String mobile = registered();
		List<Callable<Api.Answer>> calls = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			calls.add(() -> passwordLogin(mobile, "Wrong-passw0rd"));
		}

		List<Api.Answer> answers = runTogether(calls);

		long evaluated = answers.stream().filter((answer) -> answer.code() == 40102).count();
		long locked = answers.stream().filter((answer) -> answer.code() == 42300).count();
		assertThat(evaluated).isBetween(1L, 5L);
		assertThat(evaluated + locked).isEqualTo(100);
		assertThat(this.jdbc.sql("""
				select count(*) from audit_event e join app_user u on u.id = e.user_id
				where u.mobile = ? and e.type = 'login_failure' and e.detail like '%wrong password%'""")
			.param("+86" + mobile)
			.query(Long.class)
			.single()).as("hashes checked").isLessThanOrEqualTo(5);
		assertThat(passwordLogin(mobile, PASSWORD).code()).as("the right password is not tried either")
			.isEqualTo(42300);
	}

	@Test
	void theRightPasswordInsideABurstCannotClearTheLock() throws Exception {
		String mobile = registered();
		List<Callable<Api.Answer>> calls = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			calls.add(() -> passwordLogin(mobile, "Wrong-passw0rd"));
		}
		runTogether(calls);

		assertThat(passwordLogin(mobile, PASSWORD).code()).isEqualTo(42300);
	}

	@Test
	void anUnknownAccountLocksExactlyLikeAKnownOne() {
		String known = registered();
		String unknown = newMobile();
		for (int i = 0; i < 5; i++) {
			assertThat(passwordLogin(known, "Wrong-passw0rd").code()).isEqualTo(40102);
			assertThat(passwordLogin(unknown, "Wrong-passw0rd").code()).isEqualTo(40102);
		}

		Api.Answer knownLocked = passwordLogin(known, "Wrong-passw0rd");
		Api.Answer unknownLocked = passwordLogin("+86 " + unknown, "Wrong-passw0rd");

		assertThat(knownLocked.code()).isEqualTo(42300);
		assertThat(unknownLocked.code()).isEqualTo(42300);
		assertThat(unknownLocked.status()).isEqualTo(knownLocked.status());
		assertThat(names(unknownLocked)).isEqualTo(names(knownLocked));
		assertThat(unknownLocked.data().path("retryAfter").asLong()).isBetween(890L, 900L);
		assertThat(unknownLocked.header("Retry-After")).isNotNull();
	}

	@Test
	void theOwnerSignsInDespiteTheLockWithASolvedCaptcha() {
		String mobile = registered();
		for (int i = 0; i < 5; i++) {
			passwordLogin(mobile, "Wrong-passw0rd");
		}

		Api.Answer locked = passwordLogin(mobile, PASSWORD);
		Api.Answer wrongCaptcha = login(mobile, PASSWORD, knownCaptcha("ABCDE"), "XXXXX");
		String key = knownCaptcha("K7PXA");
		Api.Answer attacker = login(mobile, "Wrong-passw0rd", key, "K7PXA");
		Api.Answer reused = login(mobile, PASSWORD, key, "K7PXA");
		Api.Answer owner = login(mobile, PASSWORD, knownCaptcha("QWERT"), "qwert");

		assertThat(locked.code()).isEqualTo(42300);
		assertThat(locked.data().path("captchaAccepted").asBoolean()).isTrue();
		assertThat(wrongCaptcha.code()).isEqualTo(40003);
		assertThat(attacker.code()).as("a captcha buys one guess").isEqualTo(40102);
		assertThat(reused.code()).as("and only one").isEqualTo(40003);
		assertThat(owner.code()).as(owner.toString()).isEqualTo(200);
		assertThat(passwordLogin(mobile, PASSWORD).code()).as("the lock is over").isEqualTo(200);
	}

	@Test
	void aFloodOfMadeUpNamesFromOneAddressIsRefusedBeforeItIsHashed() throws Exception {
		String mobile = registered();
		String flooder = newIp();
		String names = "flood-" + unique() + "-";
		double hashesBefore = hashes();
		Timestamp started = Timestamp.from(TestClock.now());
		List<Callable<Api.Answer>> flood = new ArrayList<>();
		for (int i = 0; i < 120; i++) {
			String account = names + i;
			flood.add(() -> api().send(Call.of("POST", "/api/v1/auth/login/password")
				.json(Map.of("account", account, "password", "Wrong-passw0rd"))
				.from(flooder)));
		}

		ExecutorService pool = Executors.newFixedThreadPool(24);
		List<Api.Answer> answers = new ArrayList<>();
		Api.Answer owner;
		Duration took;
		try {
			List<Future<Api.Answer>> pending = new ArrayList<>();
			flood.forEach((call) -> pending.add(pool.submit(call)));
			Thread.sleep(200);
			long signingIn = System.nanoTime();
			owner = passwordLogin(mobile, PASSWORD);
			took = Duration.ofNanos(System.nanoTime() - signingIn);
			for (Future<Api.Answer> answer : pending) {
				answers.add(answer.get());
			}
		}
		finally {
			pool.shutdownNow();
		}

		List<Api.Answer> refused = answers.stream().filter((answer) -> answer.code() == 42900).toList();
		long checked = answers.stream().filter((answer) -> answer.code() == 40102).count();
		assertThat(owner.code()).as("another address signs in").isEqualTo(200);
		assertThat(took).as("and quickly").isLessThan(Duration.ofSeconds(3));
		assertThat(checked).as("the default gate: 30 a minute per address").isLessThanOrEqualTo(30);
		assertThat(checked + refused.size()).isEqualTo(120);
		assertThat(refused.get(0).status()).isEqualTo(429);
		assertThat(refused.get(0).header("Retry-After")).isNotNull();
		assertThat(refused.get(0).data().path("retryAfter").asLong()).isBetween(1L, 60L);
		assertThat(hashes() - hashesBefore).as("hashes run: the admitted guesses and the owner's")
			.isLessThanOrEqualTo(31);
		assertThat(this.jdbc.sql("select count(*) from rate_limit where name = 'password' and window_start >= ?")
			.param(started)
			.query(Long.class)
			.single()).as("guess counters for made-up names").isLessThanOrEqualTo(30);
		assertThat(this.jdbc.sql("select count(*) from audit_event where type = 'login_failure' and ip = ?")
			.param(flooder)
			.query(Long.class)
			.single()).as("unknown-account failures are audited once per address and window").isEqualTo(1);
	}

	@Test
	void fiveWrongPasswordsForAUsernameDoNotTellWhichMobileIsTheSameAccount() {
		String admin = adminToken();
		String username = "link" + unique();
		String mobile = newMobile();
		String unrelated = newMobile();
		created(admin, Map.of("mobile", mobile, "username", username, "password", PASSWORD));
		created(admin, Map.of("mobile", unrelated, "username", "link" + unique(), "password", PASSWORD));
		for (int i = 0; i < 5; i++) {
			assertThat(passwordLogin(username, "Wrong-passw0rd").code()).isEqualTo(40102);
		}
		assertThat(passwordLogin(username, "Wrong-passw0rd").code()).isEqualTo(42300);

		Api.Answer sameAccount = passwordLogin(mobile, "Wrong-passw0rd");
		Api.Answer otherAccount = passwordLogin(unrelated, "Wrong-passw0rd");

		assertThat(sameAccount.code()).as(sameAccount.toString()).isEqualTo(40102);
		assertThat(otherAccount.code()).isEqualTo(40102);
		assertThat(sameAccount.status()).isEqualTo(otherAccount.status());
		assertThat(sameAccount.msg()).isEqualTo(otherAccount.msg());
		assertThat(sameAccount.data()).isEqualTo(otherAccount.data());
		assertThat(passwordLogin(mobile, PASSWORD).code())
			.as("another name of the account buys no guesses: the right password is not checked")
			.isEqualTo(40102);
		assertThat(passwordLogin(unrelated, PASSWORD).code()).isEqualTo(200);
	}

	@Test
	void theOwnerOfAnAccountLockedUnderAnotherNameSignsInWithACaptcha() {
		String admin = adminToken();
		String username = "link" + unique();
		String mobile = newMobile();
		created(admin, Map.of("mobile", mobile, "username", username, "password", PASSWORD));
		for (int i = 0; i < 5; i++) {
			passwordLogin(username, "Wrong-passw0rd");
		}
		for (int i = 0; i < 5; i++) {
			assertThat(passwordLogin(mobile, PASSWORD).code()).isEqualTo(40102);
		}

		Api.Answer locked = passwordLogin(mobile, PASSWORD);
		Api.Answer owner = login(mobile, PASSWORD, knownCaptcha("K7PXB"), "K7PXB");

		assertThat(locked.code()).isEqualTo(42300);
		assertThat(owner.code()).as(owner.toString()).isEqualTo(200);
		assertThat(passwordLogin(username, PASSWORD).code()).as("every name of the account is free again")
			.isEqualTo(200);
	}

	@Test
	void currentPasswordProofsCountAgainstTheSameLockout() {
		String mobile = registered();
		String token = passwordLogin(mobile, PASSWORD).data().path("accessToken").asString();
		for (int i = 0; i < 3; i++) {
			assertThat(api()
				.post("/api/v1/users/me/password",
						Map.of("oldPassword", "Wrong-passw0rd", "newPassword", "N3w-passw0rd"), token)
				.code()).isEqualTo(40102);
		}
		for (int i = 0; i < 2; i++) {
			assertThat(api()
				.post("/api/v1/users/me/mobile",
						Map.of("mobile", newMobile(), "code", "123456", "password", "Wrong-passw0rd"), token)
				.code()).isEqualTo(40102);
		}

		Api.Answer change = api().post("/api/v1/users/me/password",
				Map.of("oldPassword", PASSWORD, "newPassword", "N3w-passw0rd"), token);
		Api.Answer email = api().post("/api/v1/users/me/email",
				Map.of("email", newEmail(), "code", "123456", "password", PASSWORD), token);

		assertThat(change.code()).isEqualTo(42300);
		assertThat(email.code()).isEqualTo(42300);
		assertThat(passwordLogin(mobile, PASSWORD).code())
			.as("sign-in shares the lock: the password is not checked, and the answer is a wrong password's, "
					+ "since sign-in tells only about the name typed")
			.isEqualTo(40102);
	}

	private Api.Answer login(String account, String password, String captchaKey, String captchaCode) {
		return api().post("/api/v1/auth/login/password",
				Map.of("account", account, "password", password, "captchaKey", captchaKey, "captchaCode", captchaCode));
	}

	private String registered() {
		String mobile = newMobile();
		Api.Answer answer = api().post("/api/v1/auth/register",
				Map.of("mobile", mobile, "password", PASSWORD, "code", smsCode(mobile, "register")));
		assertThat(answer.code()).as(answer.toString()).isEqualTo(200);
		return mobile;
	}

	private void created(String admin, Map<String, String> user) {
		Api.Answer created = api().post("/api/v1/admin/users", user, admin);
		assertThat(created.code()).as(created.toString()).isEqualTo(200);
	}

	private double hashes() {
		Counter counter = this.meters.find("usercenter.password.hashes").counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static List<String> names(Api.Answer answer) {
		List<String> names = new ArrayList<>();
		answer.data().propertyNames().forEach(names::add);
		return names;
	}

}
