package com.usercenter.privacy;

import java.util.List;
import java.util.Map;

import com.usercenter.support.Api;
import com.usercenter.support.ApiTestBase;
import com.usercenter.support.TenantClient;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The copy of one's data PIPL article 45 asks for: everything about the caller, nothing
 * else.
 */
class DataExportIntegrationTest extends ApiTestBase {

	private static final String PASSWORD = "Export-me-0k";

	@Autowired
	private JdbcClient jdbc;

	@Test
	void theExportHoldsEverythingAboutTheCallerAndNoSecret() {
		String mobile = newMobile();
		Api.Answer registered = api().post("/api/v1/auth/register",
				Map.of("mobile", mobile, "password", PASSWORD, "code", smsCode(mobile, "register"), "nickname", "导出者"));
		long userId = registered.data().path("userId").asLong();
		String token = registered.data().path("accessToken").asString();
		String refresh = registered.data().path("refreshToken").asString();
		api().post("/api/v1/users/me/devices",
				Map.of("deviceType", "android", "deviceId", "export-device", "pushToken", "push-export"), token);
		passwordLogin(mobile, "Wrong-passw0rd");
		String someoneElse = newMobile();
		newUser(someoneElse);

		Api.Answer export = api().get("/api/v1/users/me/export", token);
		JsonNode data = export.data();
		String text = export.text();

		assertThat(export.code()).as(export.toString()).isEqualTo(200);
		assertThat(export.header("Cache-Control")).contains("no-store");
		assertThat(data.path("profile").path("mobile").asString()).isEqualTo("+86" + mobile);
		assertThat(data.path("profile").path("nickname").asString()).isEqualTo("导出者");
		assertThat(data.path("devices").get(0).path("pushToken").asString()).isEqualTo("push-export");
		assertThat(data.path("sessions")).isNotEmpty();
		assertThat(data.path("auditEvents").findValuesAsString("type")).contains("login_success", "login_failure");
		String hash = this.jdbc.sql("select password_hash from app_user where id = ?")
			.param(userId)
			.query(String.class)
			.single();
		assertThat(text).doesNotContain(hash).doesNotContain(token).doesNotContain(refresh).doesNotContain(someoneElse);
		assertThat(text).doesNotContain("passwordHash").doesNotContain("sealed");
	}

	@Test
	void identitiesAndPartnerIdsAreExportedInFull() {
		TenantClient tenant = newTenant();
		String associatedId = "export-partner-" + unique();
		String token = tenant
			.post("/sessions-rest/associatedBusiness/loginTenant", Map.of("associatedId", associatedId))
			.data()
			.path("accessToken")
			.asString();

		JsonNode partners = api().get("/api/v1/users/me/export", token).data().path("partners");

		assertThat(partners.findValuesAsString("associatedId")).isEqualTo(List.of(associatedId));
		assertThat(partners.findValuesAsString("tenantKey")).isEqualTo(List.of(tenant.key()));
	}

	@Test
	void theExportNeedsASignedInUser() {
		assertThat(api().get("/api/v1/users/me/export").code()).isEqualTo(40100);
	}

}
