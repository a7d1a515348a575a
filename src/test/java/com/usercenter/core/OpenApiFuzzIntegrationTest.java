package com.usercenter.core;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.usercenter.support.Api;
import com.usercenter.support.Api.Call;
import com.usercenter.support.ApiTestBase;
import com.usercenter.support.TenantClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A generated pass of hostile input over every operation of the OpenAPI description:
 * wrong types, huge and odd strings, missing, null and extra fields, broken JSON, wrong
 * content types, junk in paths and queries. Tenant operations are signed, so the junk
 * reaches the controllers. The only acceptable answers are envelopes below 500.
 */
class OpenApiFuzzIntegrationTest extends ApiTestBase {

	private static final List<Object> VALUES = List.of("", "x".repeat(5000), "😀🇨🇳\u0000\u202e", "' or '1'='1--",
			"%00%2e%2e/", -1, 0, Long.MAX_VALUE, 1.0e308, true, List.of(), Map.of("nested", Map.of("deep", 1)));

	private static final List<String> RAW_BODIES = List.of("", "{", "[]", "null", "\"text\"", "{\"a\":1}",
			"[".repeat(2000) + "]".repeat(2000), "{\"x\":" + "9".repeat(400) + "}");

	private static final List<String> PATH_VALUES = List.of("0", "-1", "abc", "9999999999999999999999", "%F0%9F%98%80",
			"a%20b", "x".repeat(300));

	/** Answers that are not envelopes by design: standard formats and images. */
	private static final List<String> RAW_ANSWERS = List.of("/.well-known/jwks.json",
			"/.well-known/openid-configuration", "/api/v1/avatars/files/");

	private final List<String> failures = new ArrayList<>();

	private int sent;

	@Test
	void hostileInputNeverGetsA5xxOrAnythingButTheEnvelope() {
		TenantClient tenant = newTenant();
		String token = ownAdminToken();
		for (String group : List.of("app", "tenant", "admin")) {
			JsonNode doc = api().get("/v3/api-docs/" + group).json();
			doc.path("paths").properties().forEach((path) -> path.getValue().properties().forEach((operation) -> {
				fuzz(doc, path.getKey(), operation.getKey().toUpperCase(), operation.getValue(), tenant, token);
			}));
		}

		assertThat(this.sent).isGreaterThan(1000);
		assertThat(this.failures).isEmpty();
	}

	/**
	 * An administrator of the pass's own: the pass guesses its current password (password
	 * change, contact change, deletion) and locks it, as it should, leaving the bootstrap
	 * admin to the other tests.
	 */
	private String ownAdminToken() {
		String admin = adminToken();
		String username = "fuzz" + unique();
		String password = "Fuzz-" + unique() + "-9q";
		long id = api()
			.post("/api/v1/admin/users",
					Map.of("email", username + "@example.com", "username", username, "password", password), admin)
			.data()
			.path("userId")
			.asLong();
		api().patch("/api/v1/admin/users/" + id, Map.of("status", "active", "roles", List.of("ADMIN")), admin);
		Api.Answer login = passwordLogin(username, password);
		assertThat(login.code()).as(login.toString()).isEqualTo(200);
		return login.data().path("accessToken").asString();
	}

	private void fuzz(JsonNode doc, String template, String method, JsonNode operation, TenantClient tenant,
			String adminToken) {
		if (template.endsWith("/logout")) {
			return; // would end the session the pass runs with; covered by
					// TokenIntegrationTest
		}
		String token = template.startsWith("/api/v1") ? adminToken : null;
		boolean signed = template.startsWith("/sessions-rest") || template.startsWith("/user-rest");
		List<String> queries = queries(operation);
		for (String path : paths(template)) {
			for (String query : queries) {
				String target = path + (query.isEmpty() ? "" : "?" + query);
				for (String body : bodies(doc, operation)) {
					send(Call.of(method, target).json(body), token, signed, tenant, template);
				}
				send(Call.of(method, target).body("<x/>".getBytes(StandardCharsets.UTF_8), "application/xml"), token,
						signed, tenant, template);
				send(Call.of(method, target).body("a=1".getBytes(StandardCharsets.UTF_8), "multipart/form-data"), token,
						signed, tenant, template);
			}
		}
	}

	private void send(Call call, String token, boolean signed, TenantClient tenant, String template) {
		Call ready = signed ? tenant.sign(call) : call.bearer(token);
		Api.Answer answer = api().send(ready);
		this.sent++;
		String where = call.method() + " " + call.pathAndQuery();
		where = (where.length() > 160) ? where.substring(0, 160) + "..." : where;
		if (answer.status() >= 500) {
			String body = new String(call.bodyBytes(), StandardCharsets.UTF_8);
			this.failures.add(answer.status() + " " + where + " " + body.substring(0, Math.min(120, body.length())));
			return;
		}
		if (answer.status() >= 400 || RAW_ANSWERS.stream().noneMatch(template::startsWith)) {
			try {
				JsonNode json = answer.json();
				if (!json.has("code") || !json.has("msg")
						|| expectedStatus(json.path("code").asInt()) != answer.status()) {
					this.failures.add("not an envelope: " + where + " -> " + answer.status());
				}
			}
			catch (RuntimeException ex) {
				this.failures.add("not JSON: " + where + " -> " + answer.status());
			}
		}
	}

	private static int expectedStatus(int code) {
		return (code == 200) ? 200 : code / 100;
	}

	private static List<String> paths(String template) {
		if (!template.contains("{")) {
			return List.of(template);
		}
		List<String> paths = new ArrayList<>();
		for (String value : PATH_VALUES) {
			paths.add(template.replaceAll("\\{[^}]+}", value));
		}
		return paths;
	}

	private static List<String> queries(JsonNode operation) {
		List<String> names = new ArrayList<>();
		operation.path("parameters").forEach((parameter) -> {
			if ("query".equals(parameter.path("in").asString())) {
				names.add(parameter.path("name").asString());
			}
		});
		List<String> queries = new ArrayList<>();
		queries.add("");
		for (String name : names) {
			for (String value : List.of("", "-1", "abc", "😀", "x".repeat(3000), "1,2,x", "%")) {
				queries.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
			}
		}
		queries.add("unknown=1&" + String.join("&", names.stream().map((n) -> n + "=1&" + n + "=2").toList()));
		return queries;
	}

	private static List<String> bodies(JsonNode doc, JsonNode operation) {
		List<String> bodies = new ArrayList<>(RAW_BODIES);
		JsonNode schema = operation.path("requestBody").path("content").path("application/json").path("schema");
		List<String> properties = new ArrayList<>();
		resolve(doc, schema).path("properties").propertyNames().forEach(properties::add);
		for (String property : properties) {
			for (Object value : VALUES) {
				Map<String, Object> body = new LinkedHashMap<>();
				properties.forEach((p) -> body.put(p, "1"));
				body.put(property, value);
				bodies.add(Api.JSON.writeValueAsString(body));
			}
			Map<String, Object> nulls = new LinkedHashMap<>();
			nulls.put(property, null);
			bodies.add(Api.JSON.writeValueAsString(nulls));
		}
		return bodies;
	}

	private static JsonNode resolve(JsonNode doc, JsonNode schema) {
		String ref = schema.path("$ref").asString("");
		if (ref.startsWith("#/components/schemas/")) {
			return doc.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
		}
		return schema;
	}

}
