package com.usercenter.support;

import java.time.Duration;
import java.util.Map;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.HmacOneTimePasswordGenerator;
import org.bouncycastle.util.encoders.Base32;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bootstrap admin as the tests sign it in: the admin API needs a session signed in
 * with a second factor, so the first sign-in of a run enrols TOTP (as an operator would,
 * README's tour), and every later one answers the 40106 second step with a code of a time
 * step not used before (a code is accepted once). The token is kept while it still works.
 * One per test JVM: the run's contexts share one database, hence one admin.
 */
public final class AdminSecondFactor {

	private static byte[] secret;

	private static long lastStep;

	private static String token;

	private AdminSecondFactor() {
	}

	/** An access token of the bootstrap admin signed in with its password and TOTP. */
	public static synchronized String token(Api api) {
		if (token != null && api.get("/api/v1/admin/users?size=1", token).code() == 200) {
			return token;
		}
		Api.Answer login = api.post("/api/v1/auth/login/password",
				Map.of("account", TestSecrets.ADMIN_USERNAME, "password", TestSecrets.adminPassword()));
		if (login.code() == 200) {
			enrol(api, login.data().path("accessToken").asString());
			login = api.post("/api/v1/auth/login/password",
					Map.of("account", TestSecrets.ADMIN_USERNAME, "password", TestSecrets.adminPassword()));
		}
		assertThat(login.code()).as(login.toString()).isEqualTo(40106);
		assertThat(secret).as("the admin has a second factor this run did not enrol").isNotNull();
		Api.Answer finished = api.post("/api/v1/auth/login/mfa",
				Map.of("mfaToken", login.data().path("mfaToken").asString(), "code", nextCode()));
		assertThat(finished.code()).as(finished.toString()).isEqualTo(200);
		token = finished.data().path("accessToken").asString();
		return token;
	}

	/** The admin's TOTP secret, once enrolled. */
	public static synchronized byte[] secret() {
		return secret.clone();
	}

	/**
	 * A code of a step after every step used so far, within the one step of drift the
	 * service accepts around the test clock's now; the clock moves on when the steps
	 * around now are used up.
	 */
	public static synchronized String nextCode() {
		long current = Math.floorDiv(TestClock.now().getEpochSecond(), 30);
		long step = Math.max(lastStep + 1, current - 1);
		if (step > current + 1) {
			TestClock.advance(Duration.ofSeconds(30 * (step - current - 1)));
		}
		lastStep = step;
		return code(secret, step);
	}

	/** RFC 6238 with the defaults every app uses: HMAC-SHA1, 6 digits, 30 s. */
	public static String code(byte[] key, long step) {
		try {
			return new HmacOneTimePasswordGenerator(6).generateOneTimePasswordString(new SecretKeySpec(key, "HmacSHA1"),
					step);
		}
		catch (java.security.InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static byte[] decodeBase32(String base32) {
		String padded = base32 + "=".repeat((8 - base32.length() % 8) % 8);
		return Base32.decode(padded);
	}

	private static void enrol(Api api, String passwordOnlyToken) {
		Api.Answer started = api.post("/api/v1/users/me/mfa/totp", Map.of("password", TestSecrets.adminPassword()),
				passwordOnlyToken);
		assertThat(started.code()).as(started.toString()).isEqualTo(200);
		secret = decodeBase32(started.data().path("secret").asString());
		Api.Answer confirmed = api.post("/api/v1/users/me/mfa/totp/confirm", Map.of("code", nextCode()),
				passwordOnlyToken);
		assertThat(confirmed.code()).as(confirmed.toString()).isEqualTo(200);
	}

}
