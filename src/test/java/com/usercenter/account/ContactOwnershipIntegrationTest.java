package com.usercenter.account;

import java.time.Duration;
import java.util.Map;

import com.usercenter.support.Api;
import com.usercenter.support.ApiTestBase;
import com.usercenter.support.TenantClient;
import com.usercenter.support.TestClock;
import com.usercenter.support.TestDeliveries;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A mobile a partner or an admin puts on an account is that party's word, not its owner's
 * proof: the owner signing in with a code never lands in that account, and takes the
 * number back.
 */
class ContactOwnershipIntegrationTest extends ApiTestBase {

	@Autowired
	private JdbcClient jdbc;

	@Test
	void theOwnersCodeSignInNeverLandsInTheTenantsUser() {
		TenantClient tenant = newTenant();
		String associatedId = "victim-" + unique();
		JsonNode partnerLogin = tenant
			.post("/sessions-rest/associatedBusiness/loginTenant", Map.of("associatedId", associatedId))
			.data();
		long partnerUser = partnerLogin.path("userId").asLong();
		String partnerToken = partnerLogin.path("accessToken").asString();
		String mobile = newMobile();
		assertThat(tenant
			.post("/user-rest/action/changeMobileByTenant?associatedId=" + associatedId, Map.of("mobile", mobile))
			.code()).isEqualTo(200);
		JsonNode unproven = api().get("/api/v1/users/me", partnerToken).data();

		JsonNode owner = newUser(mobile);
		JsonNode afterwards = api().get("/api/v1/users/me", partnerToken).data();

		assertThat(unproven.path("mobile").asString()).isEqualTo("+86" + mobile);
		assertThat(unproven.path("mobileVerified").asBoolean()).isFalse();
		assertThat(owner.path("userId").asLong()).isNotEqualTo(partnerUser);
		assertThat(owner.path("needInfo").asBoolean()).isTrue();
		assertThat(owner.path("user").path("mobileVerified").asBoolean()).isTrue();
		assertThat(afterwards.path("mobile").isNull()).as("the number left the partner's user").isTrue();
		assertThat(reclaimedEvents(partnerUser)).isEqualTo(1);
	}

	@Test
	void registrationByTheOwnerTakesTheNumberFromAnAdminMadeAccount() {
		String admin = adminToken();
		String mobile = newMobile();
		long made = api().post("/api/v1/admin/users", Map.of("mobile", mobile, "password", "Made-by-0ps"), admin)
			.data()
			.path("userId")
			.asLong();

		Api.Answer registered = api().post("/api/v1/auth/register",
				Map.of("mobile", mobile, "password", "Own3r-password", "code", smsCode(mobile, "register")));

		assertThat(registered.code()).as(registered.toString()).isEqualTo(200);
		assertThat(registered.data().path("userId").asLong()).isNotEqualTo(made);
		assertThat(api().get("/api/v1/admin/users/" + made, admin).data().path("mobile").isNull()).isTrue();
		assertThat(reclaimedEvents(made)).isEqualTo(1);
	}

	@Test
	void aProvenNumberStaysWithItsAccount() {
		String mobile = newMobile();
		long first = newUser(mobile).path("userId").asLong();
		TestClock.advance(Duration.ofSeconds(61));

		long again = newUser(mobile).path("userId").asLong();

		assertThat(again).isEqualTo(first);
		assertThat(reclaimedEvents(first)).isZero();
	}

	@Test
	void noResetCodeGoesToANumberItsAccountHoldsUnproven() throws Exception {
		TenantClient tenant = newTenant();
		String associatedId = "holder-" + unique();
		tenant.post("/sessions-rest/associatedBusiness/loginTenant", Map.of("associatedId", associatedId));
		String mobile = newMobile();
		tenant.post("/user-rest/action/changeMobileByTenant?associatedId=" + associatedId, Map.of("mobile", mobile));

		Api.Answer sent = api().post("/api/v1/verification-codes",
				Map.of("channel", "sms", "target", mobile, "purpose", "reset_password"));
		Thread.sleep(500);

		assertThat(sent.code()).isEqualTo(200);
		assertThat(TestDeliveries.smsTo("+86" + mobile)).isEmpty();
	}

	@Test
	void theOwnerMovingTheNumberToItsAccountTakesItFromTheTenantsUser() {
		TenantClient tenant = newTenant();
		String associatedId = "squatter-" + unique();
		long partnerUser = tenant
			.post("/sessions-rest/associatedBusiness/loginTenant", Map.of("associatedId", associatedId))
			.data()
			.path("userId")
			.asLong();
		String mobile = newMobile();
		tenant.post("/user-rest/action/changeMobileByTenant?associatedId=" + associatedId, Map.of("mobile", mobile));
		String ownerMobile = newMobile();
		String ownerToken = newUser(ownerMobile).path("accessToken").asString();

		Api.Answer moved = api().post("/api/v1/users/me/mobile", Map.of("mobile", mobile, "code",
				smsCode(mobile, "change_contact"), "ticket", ticket(ownerMobile, "verify")), ownerToken);

		assertThat(moved.code()).as(moved.toString()).isEqualTo(200);
		assertThat(api().get("/api/v1/users/me", ownerToken).data().path("mobileVerified").asBoolean()).isTrue();
		assertThat(reclaimedEvents(partnerUser)).isEqualTo(1);
	}

	private long reclaimedEvents(long userId) {
		return this.jdbc.sql("select count(*) from audit_event where user_id = ? and type = 'contact_reclaimed'")
			.param(userId)
			.query(Long.class)
			.single();
	}

}
