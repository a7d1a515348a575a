package com.usercenter.support;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bootstrap admin as the tests sign it in: the admin API needs a session signed in
 * with a second factor, so the first sign-in of a run enrols TOTP (as an operator would,
 * README's tour), and a later one answers the 40106 second step with a fresh code. The
 * token is kept while it still works. One per test JVM: the run's contexts share one
 * database, hence one admin.
 */
public final class AdminSecondFactor {

	private static TotpDevice device;

	private static String token;

	private AdminSecondFactor() {
	}

	/** An access token of the bootstrap admin signed in with its password and TOTP. */
	public static synchronized String token(Api api) {
		if (token != null && api.get("/api/v1/admin/users?size=1", token).code() == 200) {
			return token;
		}
		Api.Answer login = passwordLogin(api);
		if (login.code() == 200) {
			enrol(api, login.data().path("accessToken").asString());
			login = passwordLogin(api);
		}
		assertThat(login.code()).as(login.toString()).isEqualTo(40106);
		assertThat(device).as("the admin has a second factor this run did not enrol").isNotNull();
		Api.Answer finished = api.post("/api/v1/auth/login/mfa",
				Map.of("mfaToken", login.data().path("mfaToken").asString(), "code", device.nextCode()));
		assertThat(finished.code()).as(finished.toString()).isEqualTo(200);
		token = finished.data().path("accessToken").asString();
		return token;
	}

	/** The admin's authenticator (enrolled by the first {@link #token}). */
	public static synchronized TotpDevice device(Api api) {
		token(api);
		return device;
	}

	/**
	 * Signs an account in with its password and a TOTP it enrols on the way (its first
	 * second factor): a session the admin API accepts when the account is an admin.
	 */
	public static String enrolAndSignIn(Api api, String account, String password) {
		Api.Answer first = api.post("/api/v1/auth/login/password", Map.of("account", account, "password", password));
		assertThat(first.code()).as(first.toString()).isEqualTo(200);
		String passwordOnly = first.data().path("accessToken").asString();
		Api.Answer started = api.post("/api/v1/users/me/mfa/totp", Map.of("password", password), passwordOnly);
		assertThat(started.code()).as(started.toString()).isEqualTo(200);
		TotpDevice totp = new TotpDevice(started.data().path("secret").asString());
		Api.Answer confirmed = api.post("/api/v1/users/me/mfa/totp/confirm", Map.of("code", totp.nextCode()),
				passwordOnly);
		assertThat(confirmed.code()).as(confirmed.toString()).isEqualTo(200);
		Api.Answer second = api.post("/api/v1/auth/login/password", Map.of("account", account, "password", password));
		assertThat(second.code()).as(second.toString()).isEqualTo(40106);
		Api.Answer finished = api.post("/api/v1/auth/login/mfa",
				Map.of("mfaToken", second.data().path("mfaToken").asString(), "code", totp.nextCode()));
		assertThat(finished.code()).as(finished.toString()).isEqualTo(200);
		return finished.data().path("accessToken").asString();
	}

	/** Finishes a 40106 of the bootstrap admin's sign-in with its next code. */
	public static synchronized Api.Answer finish(Api api, Api.Answer firstStep) {
		token(api);
		return api.post("/api/v1/auth/login/mfa",
				Map.of("mfaToken", firstStep.data().path("mfaToken").asString(), "code", device.nextCode()));
	}

	private static Api.Answer passwordLogin(Api api) {
		return api.post("/api/v1/auth/login/password",
				Map.of("account", TestSecrets.ADMIN_USERNAME, "password", TestSecrets.adminPassword()));
	}

	private static void enrol(Api api, String passwordOnlyToken) {
		Api.Answer started = api.post("/api/v1/users/me/mfa/totp", Map.of("password", TestSecrets.adminPassword()),
				passwordOnlyToken);
		assertThat(started.code()).as(started.toString()).isEqualTo(200);
		device = new TotpDevice(started.data().path("secret").asString());
		Api.Answer confirmed = api.post("/api/v1/users/me/mfa/totp/confirm", Map.of("code", device.nextCode()),
				passwordOnlyToken);
		assertThat(confirmed.code()).as(confirmed.toString()).isEqualTo(200);
	}

}
