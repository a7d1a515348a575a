package com.usercenter.reliability;

import java.time.Duration;
import java.util.Map;

import com.usercenter.support.Api;
import com.usercenter.support.Api.Call;
import com.usercenter.support.ApiTestBase;
import com.usercenter.support.TenantClient;
import com.usercenter.support.TestClock;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The host's clock stepped back a minute (NTP correcting it): whatever was used stays
 * used, whatever was revoked stays revoked, and limits keep counting. A tenant request's
 * nonce cannot be replayed, a code or ticket used before the step cannot be used again, a
 * rotated refresh token still revokes its session, and a code's resend wait does not
 * start over.
 */
class ClockStepIntegrationTest extends ApiTestBase {

	private static final Duration STEP = Duration.ofMinutes(1);

	@Test
	void aClockSteppedBackAMinuteReopensNothingThatWasUsed() {
		TenantClient tenant = newTenant();
		Call signed = tenant.sign(Call.of("POST", "/sessions-rest/associatedBusiness/loginTenant")
			.json(Map.of("associatedId", "clock-" + unique())));
		assertThat(api().send(signed).code()).isEqualTo(200);

		String mobile = newMobile();
		String code = smsCode(mobile, "verify");
		Api.Answer verified = api().post("/api/v1/verification-codes/verify",
				Map.of("target", mobile, "purpose", "verify", "code", code));
		assertThat(verified.code()).as(verified.toString()).isEqualTo(200);

		String registered = newMobile();
		String registerTicket = ticket(registered, "register");
		assertThat(api()
			.post("/api/v1/auth/register",
					Map.of("mobile", registered, "password", "Cl0ck-steps", "ticket", registerTicket))
			.code()).isEqualTo(200);

		JsonNode user = newUser(newMobile());
		String firstRefresh = user.path("refreshToken").asString();
		String rotatedAccess = api().post("/api/v1/auth/refresh", Map.of("refreshToken", firstRefresh))
			.data()
			.path("accessToken")
			.asString();
		String revoked = newUserToken();
		assertThat(api().post("/api/v1/auth/logout", null, revoked).code()).isEqualTo(200);

		String waiting = newMobile();
		smsCode(waiting, "login");

		TestClock.stepBack(STEP);
		Api.Answer replayed;
		Api.Answer codeAgain;
		Api.Answer ticketAgain;
		Api.Answer reused;
		Api.Answer revokedAfter;
		Api.Answer resent;
		try {
			replayed = api().send(signed);
			codeAgain = api().post("/api/v1/verification-codes/verify",
					Map.of("target", mobile, "purpose", "verify", "code", code));
			ticketAgain = api().post("/api/v1/auth/register",
					Map.of("mobile", newMobile(), "password", "Cl0ck-steps", "ticket", registerTicket));
			reused = api().post("/api/v1/auth/refresh", Map.of("refreshToken", firstRefresh));
			revokedAfter = api().get("/api/v1/users/me", revoked);
			resent = api().post("/api/v1/verification-codes",
					Map.of("channel", "sms", "target", waiting, "purpose", "login"));
		}
		finally {
			TestClock.advance(STEP);
		}

		assertThat(replayed.code()).as("the nonce is remembered: " + replayed).isEqualTo(40104);
		assertThat(codeAgain.code()).as("a used code: " + codeAgain).isEqualTo(40002);
		assertThat(ticketAgain.code()).as("a used ticket: " + ticketAgain).isEqualTo(40004);
		assertThat(reused.code()).as("a rotated refresh token: " + reused).isEqualTo(40101);
		assertThat(api().get("/api/v1/users/me", rotatedAccess).code()).as("its reuse revoked the session")
			.isEqualTo(40101);
		assertThat(revokedAfter.code()).isEqualTo(40101);
		assertThat(resent.code()).as("the resend wait goes on: " + resent).isEqualTo(42900);
	}

}
