package com.usercenter.account;

import java.util.Map;

import com.usercenter.support.AdminSecondFactor;
import com.usercenter.support.Api;
import com.usercenter.support.ApiTestBase;
import com.usercenter.support.TestSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Password sign-in for accounts that have a password (the bootstrap admin here), and the
 * profile it answers.
 */
class PasswordLoginIntegrationTest extends ApiTestBase {

	@Autowired
	private JdbcClient jdbc;

	@Test
	void bootstrapAdminSignsInWithItsUsername() {
		adminToken();
		Api.Answer first = api().post("/api/v1/auth/login/password",
				Map.of("account", TestSecrets.ADMIN_USERNAME, "password", TestSecrets.adminPassword()));
		assertThat(first.code()).as("the admin has a second factor").isEqualTo(40106);
		Api.Answer login = AdminSecondFactor.finish(api(), first);

		JsonNode data = login.data();
		assertThat(login.code()).isEqualTo(200);
		assertThat(data.path("accessToken").asString()).isNotBlank();
		assertThat(data.path("refreshToken").asString()).isNotBlank();
		assertThat(data.path("expiresIn").asLong()).isEqualTo(7200);
		assertThat(data.path("needInfo").asBoolean()).isFalse();
		assertThat(data.path("user").path("username").asString()).isEqualTo(TestSecrets.ADMIN_USERNAME);
		assertThat(data.path("user").path("hasPassword").asBoolean()).isTrue();
		assertThat(data.path("user").path("userId").asLong()).isEqualTo(data.path("userId").asLong());
	}

	@Test
	void usernameIsCaseInsensitive() {
		adminToken();
		Api.Answer login = api().post("/api/v1/auth/login/password",
				Map.of("account", TestSecrets.ADMIN_USERNAME.toUpperCase(), "password", TestSecrets.adminPassword()));

		assertThat(login.code()).as("the right password: on to the second step").isEqualTo(40106);
		assertThat(AdminSecondFactor.finish(api(), login).code()).isEqualTo(200);
	}

	@Test
	void wrongPasswordAnswers40102AndIsAudited() {
		long before = failures();

		Api.Answer login = api().post("/api/v1/auth/login/password",
				Map.of("account", TestSecrets.ADMIN_USERNAME, "password", "wrong-password-1"));

		assertThat(login.status()).isEqualTo(401);
		assertThat(login.code()).isEqualTo(40102);
		assertThat(failures()).isEqualTo(before + 1);
	}

	@Test
	void unknownAccountAnswersTheSameAsAWrongPassword() {
		Api.Answer login = api().post("/api/v1/auth/login/password",
				Map.of("account", "nobody-" + unique(), "password", "whatever-1"));

		assertThat(login.code()).isEqualTo(40102);
		assertThat(login.msg()).isEqualTo("账号或密码错误");
	}

	@Test
	void accountWithoutPasswordCannotSignInWithOne() {
		String associatedId = "nopass-" + unique();
		var tenant = newTenant();
		tenant.post("/sessions-rest/associatedBusiness/loginTenant", Map.of("associatedId", associatedId));
		String mobile = newMobile();
		tenant.post("/user-rest/action/changeMobileByTenant?associatedId=" + associatedId, Map.of("mobile", mobile));

		Api.Answer login = api().post("/api/v1/auth/login/password",
				Map.of("account", mobile, "password", "anything-1"));

		assertThat(login.code()).isEqualTo(40102);
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "{}", "{\"account\":\"a\"}", "{\"password\":\"p\"}", "{\"account\":\"\",\"password\":\"x\"}" })
	void incompleteBodiesAnswer40000(String body) {
		assertThat(api().post("/api/v1/auth/login/password", body).code()).isEqualTo(40000);
	}

	@Test
	void meAnswersTheOwnersProfile() {
		String token = adminToken();

		Api.Answer me = api().get("/api/v1/users/me", token);

		JsonNode profile = me.data();
		assertThat(me.code()).isEqualTo(200);
		assertThat(profile.path("username").asString()).isEqualTo(TestSecrets.ADMIN_USERNAME);
		assertThat(profile.path("sex").asInt()).isZero();
		assertThat(profile.path("hobbies").isArray()).isTrue();
		assertThat(profile.has("community")).isTrue();
		assertThat(profile.path("registeredAt").asLong()).isPositive();
		assertThat(profile.has("passwordHash")).isFalse();
		assertThat(me.text()).doesNotContain("argon2");
	}

	@Test
	void passwordsAreStoredAsArgon2idHashes() {
		String hash = this.jdbc.sql("select password_hash from app_user where username = ?")
			.param(TestSecrets.ADMIN_USERNAME)
			.query(String.class)
			.single();

		assertThat(hash).startsWith("$argon2id$v=19$m=7168,t=5,p=1$").doesNotContain(TestSecrets.adminPassword());
	}

	private long failures() {
		return this.jdbc.sql("select count(*) from audit_event where type = 'login_failure'")
			.query(Long.class)
			.single();
	}

}
