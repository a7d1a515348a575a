package com.usercenter.reliability;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.usercenter.support.Api;
import com.usercenter.support.InstanceProcess;
import com.usercenter.support.ApiTestBase;
import com.usercenter.support.RunsLast;
import com.usercenter.support.SensitiveValues;
import com.usercenter.support.SuiteLog;
import com.usercenter.support.TenantClient;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs after every other test class and reads everything the suite printed: not one
 * password, code, ticket, token, tenant secret or master key the run handled may appear
 * in it. The {@code usercenter.delivery} logger is left out: it is the {@code log}
 * SMS/email provider, whose job is to print the message, code included (never for
 * production).
 */
@RunsLast
class SuiteLogScanIntegrationTest extends ApiTestBase {

	/** Long secrets are looked for by their last characters: random, so unique. */
	private static final int PROBE = 24;

	private static final int ANCHOR = 6;

	@Test
	void noSecretTheSuiteHandledWasLogged() throws Exception {
		handleEverySortOfSecret();
		String canary = "canary-" + UUID.randomUUID();
		LoggerFactory.getLogger(SuiteLogScanIntegrationTest.class).info("the scan must find {}", canary);
		System.out.flush();
		String log = Files.readString(SuiteLog.FILE, StandardCharsets.UTF_8) + instanceLogs();
		Set<String> secrets = SensitiveValues.all();

		System.out.printf("log scan: %d secrets looked for in %d characters of output%n", secrets.size(), log.length());
		assertThat(leaks(log, Set.of(canary))).as("the scan sees what the application logged").hasSize(1);
		assertThat(secrets).as("secrets recorded over the run").hasSizeGreaterThan(10);
		assertThat(leaks(log, secrets)).isEmpty();
	}

	/** What the instances tests ran as processes of their own printed. */
	private static String instanceLogs() throws java.io.IOException {
		if (!Files.isDirectory(InstanceProcess.LOGS)) {
			return "";
		}
		StringBuilder all = new StringBuilder();
		try (java.util.stream.Stream<java.nio.file.Path> logs = Files.list(InstanceProcess.LOGS)) {
			for (java.nio.file.Path log : logs.toList()) {
				all.append('\n').append(Files.readString(log, StandardCharsets.UTF_8));
			}
		}
		return all.toString();
	}

	/** So the scan has every kind of secret to look for, even when run on its own. */
	private void handleEverySortOfSecret() {
		TenantClient tenant = newTenant();
		Api.Answer login = tenant.post("/sessions-rest/associatedBusiness/loginTenant",
				Map.of("associatedId", "scan-" + unique()));
		assertThat(login.code()).as(login.toString()).isEqualTo(200);
		Api.Answer refreshed = api().post("/api/v1/auth/refresh",
				Map.of("refreshToken", login.data().path("refreshToken").asString()));
		assertThat(refreshed.code()).as(refreshed.toString()).isEqualTo(200);
		String mobile = newMobile();
		Api.Answer registered = api().post("/api/v1/auth/register",
				Map.of("mobile", mobile, "code", smsCode(mobile, "register"), "password", "Scan-" + unique()));
		assertThat(registered.code()).as(registered.toString()).isEqualTo(200);
		assertThat(ticket(newMobile(), "login")).isNotBlank();
	}

	/** Each log line that shows one of the secrets, with the secret's kind of shape. */
	static List<String> leaks(String log, Set<String> secrets) {
		Map<String, List<String>> byAnchor = new HashMap<>();
		for (String secret : secrets) {
			String probe = (secret.length() > PROBE) ? secret.substring(secret.length() - PROBE) : secret;
			byAnchor.computeIfAbsent(probe.substring(0, ANCHOR), (anchor) -> new ArrayList<>()).add(probe);
		}
		List<String> found = new ArrayList<>();
		for (int i = 0; i + ANCHOR <= log.length(); i++) {
			List<String> candidates = byAnchor.get(log.substring(i, i + ANCHOR));
			if (candidates == null) {
				continue;
			}
			for (String probe : candidates) {
				if (log.startsWith(probe, i) && standsAlone(log, i, probe) && !fromDeliveryLogger(log, i)) {
					found.add(lineAt(log, i).replace(probe, "<" + probe.length() + " secret characters>"));
				}
			}
		}
		return found;
	}

	/**
	 * A code is six digits: only a number of its own counts, not part of a longer one or
	 * of a word (a request id such as {@code 6df123456e3c69c7} is hex).
	 */
	private static boolean standsAlone(String log, int at, String probe) {
		if (!probe.chars().allMatch(Character::isDigit)) {
			return true;
		}
		int end = at + probe.length();
		return (at == 0 || !Character.isLetterOrDigit(log.charAt(at - 1)))
				&& (end >= log.length() || !Character.isLetterOrDigit(log.charAt(end)));
	}

	private static boolean fromDeliveryLogger(String log, int at) {
		return lineAt(log, at).contains("usercenter.delivery");
	}

	private static String lineAt(String log, int at) {
		int start = log.lastIndexOf('\n', at) + 1;
		int end = log.indexOf('\n', at);
		return log.substring(start, (end < 0) ? log.length() : end);
	}

}
