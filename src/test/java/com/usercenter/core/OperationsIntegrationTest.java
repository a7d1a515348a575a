package com.usercenter.core;

import com.usercenter.support.Api;
import com.usercenter.support.ApiTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health, metrics, info and the API description; nothing else of actuator is reachable.
 */
class OperationsIntegrationTest extends ApiTestBase {

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness" })
	void healthGroupsAreUp(String path) {
		Api.Answer answer = api().get(path);

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().path("status").asString()).isEqualTo("UP");
	}

	@Test
	void prometheusServesMetricsToAdminsOnly() {
		Api.Answer anonymous = api().get("/actuator/prometheus");
		Api.Answer user = api().get("/actuator/prometheus", newUserToken());
		Api.Answer answer = api().get("/actuator/prometheus", adminToken());

		assertThat(anonymous.code()).isEqualTo(40100);
		assertThat(user.code()).isEqualTo(40300);
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.text()).contains("jvm_memory_used_bytes").contains("hikaricp_connections");
	}

	@Test
	void infoIsServed() {
		assertThat(api().get("/actuator/info").status()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/env", "/actuator/beans", "/actuator/heapdump", "/actuator/configprops",
			"/actuator/loggers", "/actuator/threaddump", "/actuator/mappings" })
	void otherEndpointsAreNotExposed(String path) {
		Api.Answer answer = api().get(path);

		assertThat(answer.status()).isEqualTo(404);
		assertThat(answer.code()).isEqualTo(40400);
	}

	@Test
	void swaggerUiIsServed() {
		Api.Answer answer = api().send(Api.Call.of("GET", "/swagger-ui/index.html"));

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.text()).contains("Swagger UI");
		Api.Answer shortcut = api().get("/swagger-ui.html");
		assertThat(shortcut.status()).isEqualTo(302);
		assertThat(shortcut.header("Location")).endsWith("/swagger-ui/index.html");
	}

	@Test
	void openApiHasThreeGroupsTheirSchemesAndTheErrorTable() {
		JsonNode tenant = api().get("/v3/api-docs/tenant").json();
		JsonNode app = api().get("/v3/api-docs/app").json();
		JsonNode admin = api().get("/v3/api-docs/admin").json();

		assertThat(tenant.path("paths").has("/sessions-rest/associatedBusiness/loginTenant")).isTrue();
		assertThat(tenant.path("paths").has("/user-rest/action/changeMobileByTenant")).isTrue();
		assertThat(tenant.path("paths").has("/user-rest/userInfo/updateUserDetail")).isTrue();
		assertThat(app.path("paths").has("/api/v1/auth/refresh")).isTrue();
		assertThat(app.path("paths").has("/api/v1/users/me")).isTrue();
		assertThat(app.path("paths").has("/api/v1/admin/tenants")).isFalse();
		assertThat(admin.path("paths").has("/api/v1/admin/tenants")).isTrue();
		// each group offers the scheme its operations use, and no other
		assertThat(app.path("components").path("securitySchemes").propertyNames()).containsExactly("bearer");
		assertThat(admin.path("components").path("securitySchemes").propertyNames()).containsExactly("bearer");
		assertThat(tenant.path("components").path("securitySchemes").propertyNames())
			.containsExactly("tenantSignature");
		String description = app.path("info").path("description").asString();
		assertThat(description).as("the table is folded, so the operations show on the first screen")
			.contains("<details><summary>");
		for (ErrorCode code : ErrorCode.values()) {
			assertThat(description).contains("| " + code.code() + " |");
		}
	}

	@Test
	void everyAdminOperationIsListedWithTheBearerScheme() {
		JsonNode admin = api().get("/v3/api-docs/admin").json().path("paths");

		assertThat(admin.propertyNames()).contains("/api/v1/admin/users", "/api/v1/admin/users/{id}",
				"/api/v1/admin/users/batch", "/api/v1/admin/users/ids", "/api/v1/admin/users/{id}/messages",
				"/api/v1/admin/audit-events", "/api/v1/admin/tenants", "/api/v1/admin/hobbies",
				"/api/v1/admin/communities", "/api/v1/admin/app-versions", "/api/v1/admin/avatars/defaults");
		admin.properties()
			.stream()
			.filter((path) -> path.getKey().startsWith("/api/v1/admin/"))
			.forEach((path) -> path.getValue().properties().forEach((operation) -> {
				assertThat(operation.getValue().path("security").toString()).as(path.getKey()).contains("bearer");
			}));
		assertThat(admin.path("/api/v1/auth/login/password").has("post"))
			.as("an operator signs in from the admin group itself")
			.isTrue();
	}

	@Test
	void swaggerUisPrefilledExamplesRunAsTheyAre() {
		JsonNode register = api().get("/v3/api-docs/app")
			.json()
			.path("paths")
			.path("/api/v1/auth/register")
			.path("post")
			.path("requestBody")
			.path("content")
			.path("application/json")
			.path("examples");
		JsonNode list = api().get("/v3/api-docs/admin", null).json().path("paths").path("/api/v1/admin/users");

		assertThat(register.isEmpty()).isFalse();
		register
			.forEach((example) -> assertThat(example.path("value").has("code") && example.path("value").has("ticket"))
				.as("a code or a ticket, not both")
				.isFalse());
		list.path("get")
			.path("parameters")
			.forEach((parameter) -> assertThat(parameter.has("example"))
				.as("no filter pre-filled: " + parameter.path("name").asString())
				.isFalse());
	}

	@Test
	void currentUserIsNotAnApiParameter() {
		JsonNode me = api().get("/v3/api-docs/app").json().path("paths").path("/api/v1/users/me").path("get");

		assertThat(me.path("parameters").isMissingNode() || me.path("parameters").isEmpty()).isTrue();
	}

}
