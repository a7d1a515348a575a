package com.usercenter.tenant;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.usercenter.support.Api;
import com.usercenter.support.ApiTestBase;
import com.usercenter.support.HeldRow;
import com.usercenter.support.TenantClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tenant administration: role ADMIN only, secrets shown once and stored sealed.
 */
class TenantAdminIntegrationTest extends ApiTestBase {

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private DataSource dataSource;

	@Test
	void createShowsTheSecretOnceAndListNeverShowsIt() {
		String admin = adminToken();
		Api.Answer created = api().post("/api/v1/admin/tenants", Map.of("name", "Fitness Partner"), admin);
		String key = created.data().path("tenantKey").asString();
		String secret = created.data().path("tenantSecret").asString();

		Api.Answer list = api().get("/api/v1/admin/tenants", admin);

		assertThat(created.code()).isEqualTo(200);
		assertThat(key).startsWith("tk_");
		assertThat(secret).hasSizeGreaterThanOrEqualTo(40);
		JsonNode listed = null;
		for (JsonNode tenant : list.data()) {
			if (tenant.path("tenantKey").asString().equals(key)) {
				listed = tenant;
			}
		}
		assertThat(listed).isNotNull();
		assertThat(listed.path("name").asString()).isEqualTo("Fitness Partner");
		assertThat(listed.path("status").asString()).isEqualTo("active");
		assertThat(listed.has("tenantSecret")).isFalse();
		assertThat(list.text()).doesNotContain(secret);
	}

	@Test
	void secretIsStoredSealedNotInPlainText() {
		TenantClient tenant = newTenant();

		byte[] stored = this.jdbc.sql("select secret_sealed from tenant where tenant_key = ?")
			.param(tenant.key())
			.query(byte[].class)
			.single();

		assertThat(stored).hasSizeGreaterThan(28);
		assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(tenant.secret());
	}

	@Test
	void disableAndEnableATenant() {
		TenantClient tenant = newTenant();
		String admin = adminToken();

		Api.Answer disabled = api().patch("/api/v1/admin/tenants/" + tenant.key(), Map.of("status", "disabled"), admin);
		Api.Answer whileDisabled = tenant.post("/sessions-rest/associatedBusiness/loginTenant",
				Map.of("associatedId", "x-" + unique()));
		Api.Answer enabled = api().patch("/api/v1/admin/tenants/" + tenant.key(), Map.of("status", "active"), admin);
		Api.Answer afterwards = tenant.post("/sessions-rest/associatedBusiness/loginTenant",
				Map.of("associatedId", "x-" + unique()));

		assertThat(disabled.data().path("status").asString()).isEqualTo("disabled");
		assertThat(whileDisabled.code()).isEqualTo(40302);
		assertThat(enabled.data().path("status").asString()).isEqualTo("active");
		assertThat(afterwards.code()).isEqualTo(200);
	}

	@Test
	void disablingATenantEndsItsSessionsAndEnablingItRevivesNone() {
		TenantClient tenant = newTenant();
		String admin = adminToken();
		JsonNode login = tenant
			.post("/sessions-rest/associatedBusiness/loginTenant", Map.of("associatedId", "ends-" + unique()))
			.data();
		String token = login.path("accessToken").asString();
		assertThat(api().get("/api/v1/users/me", token).code()).isEqualTo(200);

		api().patch("/api/v1/admin/tenants/" + tenant.key(), Map.of("status", "disabled"), admin);

		assertThat(api().get("/api/v1/users/me", token).code()).isEqualTo(40101);
		assertThat(api().get("/api/v1/users/me/export", token).code()).isEqualTo(40101);
		assertThat(api().post("/api/v1/users/me/deletion", Map.of(), token).code()).isEqualTo(40101);
		assertThat(refresh(login).code()).isEqualTo(40101);
		assertThat(liveSessionsOf(login.path("userId").asLong())).isZero();

		api().patch("/api/v1/admin/tenants/" + tenant.key(), Map.of("status", "active"), admin);

		assertThat(api().get("/api/v1/users/me", token).code()).isEqualTo(40101);
		assertThat(refresh(login).code()).isEqualTo(40101);
		assertThat(this.jdbc.sql("select count(*) from audit_event where user_id = ? and type = 'deletion_requested'")
			.param(login.path("userId").asLong())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void reKeyingATenantEndsItsSessions() {
		TenantClient tenant = newTenant();
		JsonNode login = tenant
			.post("/sessions-rest/associatedBusiness/loginTenant", Map.of("associatedId", "rekey-" + unique()))
			.data();
		String token = login.path("accessToken").asString();
		assertThat(api().get("/api/v1/users/me", token).code()).isEqualTo(200);

		Api.Answer rotated = api().post("/api/v1/admin/tenants/" + tenant.key() + "/secret", null, adminToken());

		assertThat(rotated.code()).isEqualTo(200);
		assertThat(api().get("/api/v1/users/me", token).code()).isEqualTo(40101);
		assertThat(refresh(login).code()).isEqualTo(40101);
	}

	@Test
	void aReKeyAndADisableAtOnceUndoNeitherTheOther() throws Exception {
		TenantClient tenant = newTenant();
		String admin = adminToken();
		byte[] before = sealedSecretOf(tenant);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			Future<Api.Answer> rotated;
			Future<Api.Answer> disabled;
			try (HeldRow row = HeldRow.hold(this.dataSource, "select 1 from tenant where tenant_key = ? for update",
					tenant.key())) {
				rotated = pool
					.submit(() -> api().post("/api/v1/admin/tenants/" + tenant.key() + "/secret", null, admin));
				row.awaitWaiting(1);
				disabled = pool.submit(() -> api().patch("/api/v1/admin/tenants/" + tenant.key(),
						Map.of("status", "disabled"), admin));
				row.awaitWaiting(2);
			}
			assertThat(rotated.get(20, TimeUnit.SECONDS).code()).isEqualTo(200);
			assertThat(disabled.get(20, TimeUnit.SECONDS).code()).isEqualTo(200);
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(sealedSecretOf(tenant)).as("the new secret stays").isNotEqualTo(before);
		assertThat(this.jdbc.sql("select status from tenant where tenant_key = ?")
			.param(tenant.key())
			.query(String.class)
			.single()).isEqualTo("disabled");
	}

	private byte[] sealedSecretOf(TenantClient tenant) {
		return this.jdbc.sql("select secret_sealed from tenant where tenant_key = ?")
			.param(tenant.key())
			.query(byte[].class)
			.single();
	}

	private long liveSessionsOf(long userId) {
		return this.jdbc.sql("select count(*) from user_session where user_id = ? and revoked_at is null")
			.param(userId)
			.query(Long.class)
			.single();
	}

	private Api.Answer refresh(JsonNode login) {
		return api().post("/api/v1/auth/refresh", Map.of("refreshToken", login.path("refreshToken").asString()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"status\":\"paused\"}", "{}", "{\"status\":null}" })
	void invalidStatusAnswers40000(String body) {
		TenantClient tenant = newTenant();

		assertThat(api().patch("/api/v1/admin/tenants/" + tenant.key(), body, adminToken()).code()).isEqualTo(40000);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{}", "{\"name\":\"\"}", "{\"name\":\"   \"}" })
	void createWithoutNameAnswers40000(String body) {
		assertThat(api().post("/api/v1/admin/tenants", body, adminToken()).code()).isEqualTo(40000);
	}

	@Test
	void overlongNameAnswers40000() {
		assertThat(api().post("/api/v1/admin/tenants", Map.of("name", "n".repeat(101)), adminToken()).code())
			.isEqualTo(40000);
	}

	@Test
	void unknownTenantAnswers40400() {
		String admin = adminToken();

		assertThat(api().post("/api/v1/admin/tenants/tk_nope/secret", null, admin).code()).isEqualTo(40400);
		assertThat(api().patch("/api/v1/admin/tenants/tk_nope", Map.of("status", "active"), admin).code())
			.isEqualTo(40400);
	}

	@Test
	void adminChangesAreAudited() {
		TenantClient tenant = newTenant();
		api().post("/api/v1/admin/tenants/" + tenant.key() + "/secret", null, adminToken());

		long events = this.jdbc
			.sql("select count(*) from audit_event where type = 'admin_tenant_change' and tenant_key = ?")
			.param(tenant.key())
			.query(Long.class)
			.single();

		assertThat(events).isEqualTo(2);
	}

	@Test
	void anonymousCallersAnswer40100() {
		assertThat(api().get("/api/v1/admin/tenants").code()).isEqualTo(40100);
		assertThat(api().post("/api/v1/admin/tenants", Map.of("name", "x")).code()).isEqualTo(40100);
	}

	@Test
	void ordinaryUsersAnswer40300() {
		TenantClient tenant = newTenant();
		String userToken = tenant
			.post("/sessions-rest/associatedBusiness/loginTenant", Map.of("associatedId", "plain-" + unique()))
			.data()
			.path("accessToken")
			.asString();

		Api.Answer list = api().get("/api/v1/admin/tenants", userToken);
		Api.Answer create = api().post("/api/v1/admin/tenants", Map.of("name", "x"), userToken);

		assertThat(list.status()).isEqualTo(403);
		assertThat(list.code()).isEqualTo(40300);
		assertThat(create.code()).isEqualTo(40300);
	}

}
