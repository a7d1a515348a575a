package com.usercenter.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.usercenter.support.Api;
import com.usercenter.support.ApiTestBase;
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
		assertThat(passwordLogin(mobile, PASSWORD).code()).as("sign-in shares the lock").isEqualTo(42300);
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

	private static List<String> names(Api.Answer answer) {
		List<String> names = new ArrayList<>();
		answer.data().propertyNames().forEach(names::add);
		return names;
	}

}
