package com.usercenter.support;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;

/**
 * Every secret the test run handled: passwords and codes that the service accepted,
 * tokens, tickets and tenant secrets it answered, and the run's own master key and admin
 * password. {@code SuiteLogScanIntegrationTest} proves none of them reached the log.
 */
public final class SensitiveValues {

	/** Request fields whose value is a secret once the service has accepted it. */
	private static final Set<String> SENT = Set.of("password", "oldPassword", "newPassword", "code", "refreshToken",
			"ticket", "captchaAnswer", "accessToken", "identityToken", "authorizationCode", "token", "mfaToken",
			"mfaCode");

	/** Answer fields that carry a secret. */
	private static final Set<String> ANSWERED = Set.of("accessToken", "refreshToken", "ticket", "tenantSecret",
			"secret", "otpauthUri", "recoveryCodes", "mfaToken");

	private static final Set<String> values = ConcurrentHashMap.newKeySet();

	private SensitiveValues() {
	}

	public static void add(String value) {
		// shorter strings than a code would match ordinary text, and so would a short
		// lowercase word (a test's "secret" is also a route's "/secret"): no password the
		// service accepts, no code, token or ticket looks like one
		if (value != null && value.length() >= 6 && !value.matches("[a-z]{1,10}")) {
			values.add(value);
		}
	}

	public static Set<String> all() {
		add(TestSecrets.masterKey());
		add(TestSecrets.adminPassword());
		TestSecrets.providerSecrets().forEach(SensitiveValues::add);
		return Set.copyOf(values);
	}

	/**
	 * Picks the secrets out of one exchange. What a request sent counts only when it was
	 * accepted: a rejected wrong password is not anybody's secret.
	 */
	static void observe(byte[] requestBody, String requestType, Api.Answer answer) {
		if (answer.status() == 401 && isJson(answer.header("Content-Type")) && answer.code() == 40106) {
			collect(answer.data(), ANSWERED);
			return;
		}
		if (answer.status() / 100 != 2 || !isJson(answer.header("Content-Type"))) {
			return;
		}
		JsonNode data = answer.data();
		collect(data, ANSWERED);
		if (requestBody != null && isJson(requestType)) {
			try {
				collect(Api.JSON.readTree(requestBody), SENT);
			}
			catch (RuntimeException ex) {
				// a deliberately broken body holds nothing the service accepted
			}
		}
	}

	private static boolean isJson(String contentType) {
		return contentType != null && contentType.startsWith("application/json");
	}

	private static void collect(JsonNode node, Set<String> names) {
		if (node == null || !node.isContainer()) {
			return;
		}
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> field : node.properties()) {
				if (names.contains(field.getKey()) && field.getValue().isString()) {
					add(field.getValue().asString());
				}
				if (names.contains(field.getKey()) && field.getValue().isArray()) {
					field.getValue().values().forEach((element) -> add(element.isString() ? element.asString() : null));
				}
				collect(field.getValue(), names);
			}
		}
		else {
			for (Iterator<JsonNode> elements = node.values().iterator(); elements.hasNext();) {
				collect(elements.next(), names);
			}
		}
	}

}
