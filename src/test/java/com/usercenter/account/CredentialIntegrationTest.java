package com.usercenter.account;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.usercenter.support.Api;
import com.usercenter.support.ApiTestBase;
import com.usercenter.support.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A signed-in user changing its password, mobile and email.
 */
class CredentialIntegrationTest extends ApiTestBase {

	private static final String PASSWORD = "Str0ng-enough";

	@Autowired
	private JdbcClient jdbc;

	@Test
	void passwordChangeWithTheOldOneEndsOtherSessionsOnly() {
		String mobile = register();
		String current = login(mobile, PASSWORD).path("accessToken").asString();
		String other = login(mobile, PASSWORD).path("accessToken").asString();

		Api.Answer changed = api().post("/api/v1/users/me/password",
				Map.of("oldPassword", PASSWORD, "newPassword", "N3w-password"), current);

		assertThat(changed.code()).isEqualTo(200);
		assertThat(api().get("/api/v1/users/me", current).code()).isEqualTo(200);
		assertThat(api().get("/api/v1/users/me", other).code()).isEqualTo(40101);
		assertThat(passwordLogin(mobile, "N3w-password").code()).isEqualTo(200);
		assertThat(passwordLogin(mobile, PASSWORD).code()).isEqualTo(40102);
	}

	@Test
	void wrongOldPasswordAnswers40102() {
		String mobile = register();
		String token = login(mobile, PASSWORD).path("accessToken").asString();

		assertThat(api()
			.post("/api/v1/users/me/password", Map.of("oldPassword", "not-the-Passw0rd", "newPassword", "N3w-password"),
					token)
			.code()).isEqualTo(40102);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"newPassword\":\"N3w-password\"}",
			"{\"oldPassword\":\"a\",\"ticket\":\"b\",\"newPassword\":\"N3w-password\"}", "{\"oldPassword\":\"a\"}" })
	void invalidPasswordChangesAnswer40000(String body) {
		String token = login(register(), PASSWORD).path("accessToken").asString();

		assertThat(api().post("/api/v1/users/me/password", body, token).code()).isEqualTo(40000);
	}

	@Test
	void weakNewPasswordAnswers40005() {
		String token = login(register(), PASSWORD).path("accessToken").asString();

		assertThat(
				api().post("/api/v1/users/me/password", Map.of("oldPassword", PASSWORD, "newPassword", "weak"), token)
					.code())
			.isEqualTo(40005);
	}

	@Test
	void anAccountWithoutPasswordSetsOneWithAVerifyTicket() {
		String mobile = newMobile();
		String token = api().post("/api/v1/auth/login/code", Map.of("mobile", mobile, "code", smsCode(mobile, "login")))
			.data()
			.path("accessToken")
			.asString();

		Api.Answer answer = api().post("/api/v1/users/me/password",
				Map.of("ticket", ticket(mobile, "verify"), "newPassword", "F1rst-password"), token);

		assertThat(answer.code()).as(answer.toString()).isEqualTo(200);
		assertThat(passwordLogin(mobile, "F1rst-password").code()).isEqualTo(200);
	}

	@Test
	void aTicketForSomeoneElsesMobileIsRefused() {
		String token = login(register(), PASSWORD).path("accessToken").asString();
		String stranger = newMobile();

		Api.Answer answer = api().post("/api/v1/users/me/password",
				Map.of("ticket", ticket(stranger, "verify"), "newPassword", "N3w-password"), token);

		assertThat(answer.code()).isEqualTo(40004);
	}

	@Test
	void mobileChangeNeedsTheNewNumbersCodeAndThePassword() {
		String old = register();
		String token = login(old, PASSWORD).path("accessToken").asString();
		String fresh = newMobile();
		String code = smsCode(fresh, "change_contact");

		Api.Answer withoutPassword = api().post("/api/v1/users/me/mobile", Map.of("mobile", fresh, "code", code),
				token);
		Api.Answer changed = api().post("/api/v1/users/me/mobile",
				Map.of("mobile", fresh, "code", code, "password", PASSWORD), token);

		assertThat(withoutPassword.code()).isEqualTo(40102);
		assertThat(changed.code()).as(changed.toString()).isEqualTo(200);
		assertThat(api().get("/api/v1/users/me", token).data().path("mobile").asString()).isEqualTo("+86" + fresh);
		assertThat(passwordLogin(fresh, PASSWORD).code()).isEqualTo(200);
		assertThat(passwordLogin(old, PASSWORD).code()).isEqualTo(40102);
		assertThat(this.jdbc
			.sql("select count(*) from audit_event e join app_user u on u.id = e.user_id "
					+ "where e.type = 'contact_change' and u.mobile = ?")
			.param("+86" + fresh)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void mobileChangeWithAVerifyTicketForTheCurrentMobile() {
		String old = register();
		String token = login(old, PASSWORD).path("accessToken").asString();
		String fresh = newMobile();

		Api.Answer answer = api().post("/api/v1/users/me/mobile",
				Map.of("mobile", fresh, "code", smsCode(fresh, "change_contact"), "ticket", ticket(old, "verify")),
				token);

		assertThat(answer.code()).as(answer.toString()).isEqualTo(200);
	}

	@Test
	void firstMobileOfAPartnerUserNeedsOnlyTheCode() {
		String token = newTenant()
			.post("/sessions-rest/associatedBusiness/loginTenant", Map.of("associatedId", "bare-" + unique()))
			.data()
			.path("accessToken")
			.asString();
		String mobile = newMobile();

		Api.Answer answer = api().post("/api/v1/users/me/mobile",
				Map.of("mobile", mobile, "code", smsCode(mobile, "change_contact")), token);

		assertThat(answer.code()).isEqualTo(200);
		assertThat(api().get("/api/v1/users/me", token).data().path("mobile").asString()).isEqualTo("+86" + mobile);
	}

	@Test
	void takenMobileAnswers40900OnlyAfterTheRightCodeAndWrongCode40002() {
		String token = login(register(), PASSWORD).path("accessToken").asString();
		String taken = register();
		String fresh = newMobile();
		String right = smsCode(fresh, "change_contact");
		String takenCode = smsCode(taken, "change_contact");

		Api.Answer probe = api().post("/api/v1/users/me/mobile",
				Map.of("mobile", taken, "code", takenCode.equals("000000") ? "000001" : "000000", "password", PASSWORD),
				token);
		Api.Answer takenAnswer = api().post("/api/v1/users/me/mobile",
				Map.of("mobile", taken, "code", takenCode, "password", PASSWORD), token);
		Api.Answer wrong = api().post("/api/v1/users/me/mobile",
				Map.of("mobile", fresh, "code", right.equals("000000") ? "000001" : "000000", "password", PASSWORD),
				token);

		assertThat(probe.code()).as("a wrong code tells nothing about the number").isEqualTo(40002);
		assertThat(takenAnswer.code()).isEqualTo(40900);
		assertThat(wrong.code()).isEqualTo(40002);
	}

	@Test
	void emailIsSetWithACodeSentToIt() {
		String token = login(register(), PASSWORD).path("accessToken").asString();
		String email = newEmail();
		String code = emailCode(email, "change_contact");

		Api.Answer answer = api().post("/api/v1/users/me/email",
				Map.of("email", email.toUpperCase(), "code", code, "password", PASSWORD), token);

		assertThat(answer.code()).as(answer.toString()).isEqualTo(200);
		assertThat(api().get("/api/v1/users/me", token).data().path("email").asString()).isEqualTo(email);
	}

	@Test
	void takenEmailAnswers40901() {
		String ownerToken = login(register(), PASSWORD).path("accessToken").asString();
		String email = newEmail();
		api().post("/api/v1/users/me/email",
				Map.of("email", email, "code", emailCode(email, "change_contact"), "password", PASSWORD), ownerToken);
		String token = login(register(), PASSWORD).path("accessToken").asString();
		TestClock.advance(Duration.ofSeconds(61));

		assertThat(api()
			.post("/api/v1/users/me/email",
					Map.of("email", email, "code", emailCode(email, "change_contact"), "password", PASSWORD), token)
			.code()).isEqualTo(40901);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"mobile\":\"12345\",\"code\":\"123456\"}", "{\"mobile\":\"13800138000\"}",
			"{\"mobile\":\"13800138000\",\"code\":\"12\"}", "{\"code\":\"123456\"}" })
	void invalidMobileChangesAnswer40000(String body) {
		String token = login(register(), PASSWORD).path("accessToken").asString();

		assertThat(api().post("/api/v1/users/me/mobile", body, token).code()).isEqualTo(40000);
	}

	@Test
	void changesNeedASignedInUser() {
		assertThat(api().post("/api/v1/users/me/password", Map.of("newPassword", "x")).code()).isEqualTo(40100);
		assertThat(api().post("/api/v1/users/me/mobile", Map.of("mobile", "x")).code()).isEqualTo(40100);
	}

	private String register() {
		String mobile = newMobile();
		Api.Answer answer = api().post("/api/v1/auth/register",
				new HashMap<>(Map.of("mobile", mobile, "password", PASSWORD, "code", smsCode(mobile, "register"))));
		assertThat(answer.code()).as(answer.toString()).isEqualTo(200);
		return mobile;
	}

	private JsonNode login(String account, String password) {
		Api.Answer answer = passwordLogin(account, password);
		assertThat(answer.code()).as(answer.toString()).isEqualTo(200);
		return answer.data();
	}

}
