package com.usercenter.imports;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.jwk.RSAKey;
import com.usercenter.support.AdminSecondFactor;
import com.usercenter.support.Api;
import com.usercenter.support.Api.Call;
import com.usercenter.support.ApiTestBase;
import com.usercenter.support.FakeApple;
import com.usercenter.support.SensitiveValues;
import com.usercenter.support.TenantClient;
import com.usercenter.support.TestDeliveries;
import com.usercenter.support.TestSecrets;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/v1/admin/users/import} (contract 9.2) over HTTP against PostgreSQL:
 * what a file makes, what it skips and rejects, what a dry run keeps (nothing), two
 * imports at once, and every way in working for the accounts it made.
 */
class UserImportIntegrationTest extends ApiTestBase {

	private static final String PATH = "/api/v1/admin/users/import";

	private static final RSAKey APPLE_KEY = FakeApple.newKey();

	@Autowired
	private JdbcClient jdbc;

	private final WireMockServer providers = TestDeliveries.webhook();

	@Test
	void importedAccountsSignInByPasswordByPartnerAndKeepTheirFields() {
		TenantClient tenant = newTenant();
		String mobile = newMobile();
		String email = newEmail();
		String username = "imp" + unique();
		String salt = "s@lt-" + unique();
		String password = "Old-passw0rd-" + unique();
		String hash = md5(salt + password);
		SensitiveValues.add(hash);
		String external = "ext-" + unique();
		String associatedId = "pa-" + unique();
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("externalId", external);
		fields.put("mobile", mobile);
		fields.put("mobileVerified", true);
		fields.put("email", email);
		fields.put("username", username.toUpperCase());
		fields.put("nickname", "老用户");
		fields.put("sex", 2);
		fields.put("birthday", "1990-05-01");
		fields.put("registeredAt", "2019-05-01T08:00:00+08:00");
		fields.put("password", Map.of("algorithm", "md5-salt-prefix", "hash", hash, "salt", salt));
		fields.put("tenants", List.of(Map.of("tenantKey", tenant.key(), "associatedId", associatedId)));
		String line = json(fields);

		JsonNode result = imported(line);

		assertThat(result.path("imported").asLong()).isEqualTo(1);
		assertThat(result.path("skipped").asLong()).isZero();
		assertThat(result.path("rejected")).isEmpty();
		long userId = this.jdbc.sql("select user_id from user_import where external_id = ?")
			.param(external)
			.query(Long.class)
			.single();
		Map<String, Object> row = this.jdbc
			.sql("select mobile, mobile_verified, email, email_verified, username, nickname, sex, birthday::text as b,"
					+ " created_at = '2019-05-01T00:00:00Z'::timestamptz as registered from app_user where id = ?")
			.param(userId)
			.query()
			.singleRow();
		assertThat(row).containsEntry("mobile", "+86" + mobile)
			.containsEntry("mobile_verified", true)
			.containsEntry("email", email)
			.containsEntry("email_verified", false)
			.containsEntry("username", username.toLowerCase())
			.containsEntry("nickname", "老用户")
			.containsEntry("b", "1990-05-01")
			.containsEntry("registered", true);
		assertThat(((Number) row.get("sex")).intValue()).isEqualTo(2);

		// the partner's associatedId signs in the imported account, not a new one
		Api.Answer partner = tenant.post("/sessions-rest/associatedBusiness/loginTenant",
				Map.of("associatedId", associatedId));
		assertThat(partner.code()).as(partner.toString()).isEqualTo(200);
		assertThat(partner.data().path("userId").asLong()).isEqualTo(userId);

		// the old password signs in by mobile, by email and by username
		Api.Answer byMobile = signIn(mobile, password);
		assertThat(byMobile.code()).as(byMobile.toString()).isEqualTo(200);
		assertThat(byMobile.data().path("userId").asLong()).isEqualTo(userId);
		assertThat(signIn(username, password).code()).isEqualTo(200);
		assertThat(signIn(email, "wrong-" + password).code()).isEqualTo(40102);
	}

	/**
	 * Each algorithm of the contract, its hash made here by another implementation
	 * (Spring Security's encoders, the JDK's PBKDF2 and digests): the right password
	 * signs in and the hash becomes the service's Argon2id in that request, the second
	 * sign-in still works, and a wrong password is refused with the hash left alone.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "bcrypt", "argon2", "pbkdf2-sha1", "pbkdf2-sha256", "md5", "sha1", "sha256",
			"md5-salt-prefix", "sha1-salt-prefix", "sha256-salt-prefix", "md5-salt-suffix", "sha1-salt-suffix",
			"sha256-salt-suffix", "md5-md5" })
	void everyAlgorithmSignsInWithTheOldPasswordAndIsReplacedAtTheFirstSignIn(String algorithm) throws Exception {
		String password = "Legacy-密码-" + unique();
		String salt = "salt-" + unique();
		Map<String, Object> hash = new LinkedHashMap<>();
		hash.put("algorithm", algorithm);
		switch (algorithm) {
			case "bcrypt" -> hash.put("hash", new BCryptPasswordEncoder(4).encode(password));
			case "argon2" -> hash.put("hash", new Argon2PasswordEncoder(16, 32, 1, 4096, 2).encode(password));
			case "pbkdf2-sha1", "pbkdf2-sha256" -> {
				byte[] saltBytes = bytes(salt);
				PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), saltBytes, 1000, 256);
				String jdk = algorithm.endsWith("sha1") ? "PBKDF2WithHmacSHA1" : "PBKDF2WithHmacSHA256";
				hash.put("hash",
						HexFormat.of().formatHex(SecretKeyFactory.getInstance(jdk).generateSecret(spec).getEncoded()));
				hash.put("salt", HexFormat.of().formatHex(saltBytes));
				hash.put("iterations", 1000);
			}
			case "md5-md5" -> hash.put("hash", digest("MD5", digest("MD5", password)));
			default -> {
				String digest = algorithm.split("-")[0].toUpperCase().replace("SHA", "SHA-");
				String input = algorithm.endsWith("-prefix") ? salt + password
						: algorithm.endsWith("-suffix") ? password + salt : password;
				hash.put("hash", digest(digest, input));
				if (algorithm.contains("-salt-")) {
					hash.put("salt", salt);
				}
			}
		}
		SensitiveValues.add((String) hash.get("hash"));
		String username = "legacy" + unique();
		String external = "alg-" + unique();
		JsonNode result = imported(json(Map.of("externalId", external, "username", username, "password", hash)));
		assertThat(result.path("rejected")).as(result.toString()).isEmpty();
		String stored = storedHash(username);
		assertThat(stored).startsWith("{" + algorithm + "}");

		Api.Answer wrong = signIn(username, password + "x");
		assertThat(wrong.code()).as(wrong.toString()).isEqualTo(40102);
		assertThat(storedHash(username)).isEqualTo(stored);

		Api.Answer first = signIn(username, password);
		assertThat(first.code()).as(first.toString()).isEqualTo(200);
		assertThat(storedHash(username)).startsWith("$argon2id$");
		Api.Answer second = signIn(username, password);
		assertThat(second.code()).as(second.toString()).isEqualTo(200);
		assertThat(second.data().path("userId").asLong()).isEqualTo(first.data().path("userId").asLong());
	}

	@Test
	void aHashTheServiceCannotCheckRejectsItsLineNamingTheFieldNotTheValue() {
		String secretLooking = "deadbeef" + "0".repeat(24);
		String file = String.join("\n",
				json(Map.of("externalId", "h1-" + unique(), "username", "h" + unique(), "password",
						Map.of("algorithm", "md5", "hash", secretLooking + "00"))),
				json(Map.of("externalId", "h2-" + unique(), "username", "h" + unique(), "password",
						Map.of("algorithm", "crc32", "hash", secretLooking))),
				json(Map.of("externalId", "h3-" + unique(), "username", "h" + unique(), "password",
						Map.of("algorithm", "bcrypt", "hash", "$2a$15$" + "a".repeat(53)))),
				json(Map.of("externalId", "h4-" + unique(), "username", "h" + unique(), "password", Map.of("algorithm",
						"pbkdf2-sha256", "hash", secretLooking, "salt", "00", "iterations", 5_000_000))));
		JsonNode result = imported(file);
		assertThat(codes(result)).containsExactly(40000, 40000, 40000, 40000);
		result.path("rejected")
			.forEach((rejection) -> assertThat(rejection.path("msg").asString()).startsWith("password")
				.doesNotContain(secretLooking)
				.doesNotContain("aaaaaaaa"));
	}

	@Test
	void importedIdentitiesSignInAsIfTheyHadBeenMadeHere() {
		FakeApple.publish(APPLE_KEY);
		String union = "union-imp-" + unique();
		String appOpenId = "oApp" + unique();
		String weiboUid = "wb" + unique();
		String appleSub = "001234." + unique() + ".0912";
		String external = "ids-" + unique();
		JsonNode result = imported(json(Map.of("externalId", external, "nickname", "老微信", "identities",
				List.of(Map.of("provider", "wechat", "subject", appOpenId, "unionId", union),
						Map.of("provider", "weibo", "subject", weiboUid),
						Map.of("provider", "apple", "subject", appleSub)))));
		assertThat(result.path("imported").asLong()).as(result.toString()).isEqualTo(1);
		long userId = this.jdbc.sql("select user_id from user_import where external_id = ?")
			.param(external)
			.query(Long.class)
			.single();

		// the WeChat app by its openid, the mini-program (never seen before) by the
		// unionid
		this.providers
			.stubFor(get(urlPathEqualTo("/sns/oauth2/access_token")).withQueryParam("code", equalTo("app-" + union))
				.willReturn(okJson("{\"access_token\":\"at-" + union + "\",\"expires_in\":7200,\"openid\":\""
						+ appOpenId + "\",\"unionid\":\"" + union + "\"}")));
		this.providers.stubFor(get(urlPathEqualTo("/sns/userinfo"))
			.withQueryParam("access_token", equalTo("at-" + union))
			.willReturn(
					okJson("{\"openid\":\"" + appOpenId + "\",\"nickname\":\"微信\",\"unionid\":\"" + union + "\"}")));
		this.providers
			.stubFor(get(urlPathEqualTo("/sns/jscode2session")).withQueryParam("js_code", equalTo("mini-" + union))
				.withQueryParam("appid", equalTo("wx-mini-test-app"))
				.withQueryParam("secret", equalTo(TestSecrets.wechatMiniSecret()))
				.willReturn(okJson("{\"openid\":\"oMini" + unique() + "\",\"session_key\":\"tiihtNczf5v6AKRyjwEUhQ==\","
						+ "\"unionid\":\"" + union + "\"}")));
		Api.Answer app = social(Map.of("provider", "wechat", "code", "app-" + union));
		Api.Answer mini = social(Map.of("provider", "wechat_mini", "code", "mini-" + union));
		Api.Answer apple = social(Map.of("provider", "apple", "identityToken",
				FakeApple.sign(APPLE_KEY, FakeApple.claims(appleSub, null).build())));

		for (Api.Answer answer : List.of(app, mini, apple)) {
			assertThat(answer.code()).as(answer.toString()).isEqualTo(200);
			assertThat(answer.data().path("userId").asLong()).isEqualTo(userId);
		}
		assertThat(count("select count(*) from user_identity where user_id = ?", userId)).isEqualTo(4);
	}

	@Test
	void anUnprovenImportedMobileGoesToWhoeverProvesItAndAProvenOneSignsInTheImportedAccount() {
		String unproven = newMobile();
		String proven = newMobile();
		String externalUnproven = "unp-" + unique();
		String externalProven = "pro-" + unique();
		imported(String.join("\n",
				json(Map.of("externalId", externalUnproven, "mobile", unproven, "username", "unp" + unique())),
				json(Map.of("externalId", externalProven, "mobile", proven, "mobileVerified", true))));
		long unprovenId = count("select user_id from user_import where external_id = ?", externalUnproven);
		long provenId = count("select user_id from user_import where external_id = ?", externalProven);

		JsonNode byCode = newUser(unproven);
		assertThat(byCode.path("userId").asLong()).isNotEqualTo(unprovenId);
		assertThat(count("select count(*) from app_user where id = ? and mobile is null", unprovenId)).isEqualTo(1);
		assertThat(newUser(proven).path("userId").asLong()).isEqualTo(provenId);
	}

	@Test
	void eachImportWritesOneAuditEventWithWhoAndHowMany() {
		String taken = newMobile();
		newUser(taken);
		String file = String.join("\n", json(Map.of("externalId", "aud-" + unique(), "mobile", newMobile())),
				json(Map.of("externalId", "aud-" + unique(), "mobile", taken)), "not json");
		String admin = adminToken();
		long adminId = api().get("/api/v1/users/me", admin).data().path("userId").asLong();
		long before = count("select count(*) from audit_event where type = 'users_imported'");

		imported(file);
		send(Call.of("POST", PATH + "?dryRun=true").body(bytes(file), "application/x-ndjson"));

		List<Map<String, Object>> events = this.jdbc
			.sql("select user_id, detail from audit_event where type = 'users_imported' order by id desc limit 2")
			.query()
			.listOfRows();
		assertThat(count("select count(*) from audit_event where type = 'users_imported'")).isEqualTo(before + 2);
		assertThat(events)
			.allSatisfy((event) -> assertThat(((Number) event.get("user_id")).longValue()).isEqualTo(adminId));
		assertThat(events.get(1).get("detail"))
			.isEqualTo("import by admin " + adminId + ": 1 imported, 0 skipped, 2 rejected");
		assertThat((String) events.get(0).get("detail")).startsWith("dry run by admin " + adminId + ": 0 imported");
	}

	/**
	 * An import's user.created events are written only when a subscription takes them
	 * (EventSourcesIntegrationTest has the one that does): a million rows nobody could
	 * read are not worth a seventh of the import's database time.
	 */
	@Test
	void anImportWritesNoEventsNobodySubscribedTo() {
		String external = "noev-" + unique();
		imported(json(Map.of("externalId", external, "mobile", newMobile())));
		long userId = count("select user_id from user_import where external_id = ?", external);
		boolean subscribed = count("select count(*) from webhook_subscription where status = 'active'"
				+ " and events && array['*', 'user.created']::text[]") > 0;
		assertThat(count("select count(*) from event_outbox where user_id = ? and type = 'user.created'", userId))
			.isEqualTo(subscribed ? 1 : 0);
	}

	@Test
	void aSecondSendingSkipsEveryLineAndACutFileIsSentAgainWhole() {
		List<String> lines = new ArrayList<>();
		for (int i = 0; i < 2500; i++) {
			lines.add(json(Map.of("externalId", "cut-" + unique(), "mobile", newMobile())));
		}
		String whole = String.join("\n", lines) + "\n";
		// the connection broke after the first 1,200 lines: they are in, the rest not
		JsonNode first = imported(String.join("\n", lines.subList(0, 1200)));
		assertThat(first.path("imported").asLong()).isEqualTo(1200);

		JsonNode again = importedStreamed(whole);
		assertThat(again.path("imported").asLong()).isEqualTo(1300);
		assertThat(again.path("skipped").asLong()).isEqualTo(1200);

		JsonNode third = importedStreamed(whole);
		assertThat(third.path("imported").asLong()).isZero();
		assertThat(third.path("skipped").asLong()).isEqualTo(2500);
		assertThat(third.path("rejected")).isEmpty();
	}

	@Test
	void aDryRunAnswersTheSameAndStoresNothing() {
		String taken = newMobile();
		newUser(taken);
		String mobile = newMobile();
		String external = "dry-" + unique();
		String file = String.join("\n", json(Map.of("externalId", external, "mobile", mobile)),
				json(Map.of("externalId", "dry2-" + unique(), "mobile", taken)),
				json(Map.of("externalId", "dry3-" + unique(), "mobile", mobile)), "{broken");

		Api.Answer dry = send(Call.of("POST", PATH + "?dryRun=true").body(bytes(file), "application/x-ndjson"));
		assertThat(dry.code()).as(dry.toString()).isEqualTo(200);
		assertThat(dry.data().path("imported").asLong()).isEqualTo(1);
		assertThat(codes(dry.data())).containsExactly(40900, 40900, 40000);
		assertThat(count("select count(*) from user_import where external_id = ?", external)).isZero();
		assertThat(count("select count(*) from app_user where mobile = ?", "+86" + mobile)).isZero();

		Api.Answer real = send(Call.of("POST", PATH).body(bytes(file), "application/x-ndjson"));
		assertThat(real.data()).isEqualTo(dry.data());
		assertThat(count("select count(*) from app_user where mobile = ?", "+86" + mobile)).isEqualTo(1);
	}

	@Test
	void conflictingAndInvalidLinesAreRejectedWithTheirCodesWhileTheRestImport() {
		TenantClient tenant = newTenant();
		String takenMobile = newMobile();
		JsonNode holder = newUser(takenMobile);
		String takenEmail = newEmail();
		String takenName = "taken" + unique();
		Api.Answer created = api().post("/api/v1/admin/users",
				Map.of("email", takenEmail, "username", takenName, "mobile", newMobile()), adminToken());
		assertThat(created.code()).as(created.toString()).isEqualTo(200);
		String takenAssociated = "pa-" + unique();
		assertThat(tenant.post("/sessions-rest/associatedBusiness/loginTenant", Map.of("associatedId", takenAssociated))
			.code()).isEqualTo(200);
		String sameInFile = newMobile();
		String good1 = "good-" + unique();
		String good2 = "good-" + unique();
		String file = String.join("\n", json(Map.of("externalId", good1, "mobile", sameInFile)), // 1
				json(Map.of("externalId", "c-" + unique(), "mobile", takenMobile)), // 2:
																					// 40900
				json(Map.of("externalId", "c-" + unique(), "email", takenEmail.toUpperCase())), // 3:
																								// 40901
				json(Map.of("externalId", "c-" + unique(), "username", takenName)), // 4:
																					// 40904
				json(Map.of("externalId", "c-" + unique(), "tenants",
						List.of(Map.of("tenantKey", tenant.key(), "associatedId", takenAssociated)))), // 5
				json(Map.of("externalId", "c-" + unique(), "mobile", sameInFile)), // 6:
																					// 40900
																					// (line
																					// 1)
				"{\"externalId\": \"broken-", // 7: not JSON
				json(Map.of("externalId", "c-" + unique(), "mobile", "12345")), // 8:
																				// 40000
				json(Map.of("externalId", "c-" + unique(), "mobile", newMobile(), "mobileVerifed", true)), // 9
				json(Map.of("externalId", "c-" + unique(), "nickname", "x".repeat(100_000))), // 10:
																								// 100
																								// KB
				json(Map.of("externalId", "c-" + unique())), // 11: nothing to sign in
																// with
				json(Map.of("externalId", "c-" + unique(), "username", "u" + unique(), "tenants",
						List.of(Map.of("tenantKey", "no-such-" + unique(), "associatedId", "x")))), // 12
				"", // 13: blank, skipped
				json(Map.of("externalId", good2, "email", newEmail(), "identities",
						List.of(Map.of("provider", "qq", "subject", "qq-" + unique()))))); // 14

		JsonNode result = imported(file);

		assertThat(result.path("imported").asLong()).isEqualTo(2);
		assertThat(result.path("rejectedCount").asLong()).isEqualTo(11);
		assertThat(lines(result)).containsExactly(2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
		assertThat(codes(result)).containsExactly(40900, 40901, 40904, 40902, 40900, 40000, 40000, 40000, 40000, 40000,
				40000);
		assertThat(result.path("rejected").get(7).path("msg").asString()).contains("mobileVerifed");
		assertThat(result.path("rejected").get(1).path("externalId").asString()).startsWith("c-");
		// nothing of a rejected line was written, and the holder still holds its mobile
		assertThat(count("select count(*) from app_user where mobile = ?", "+86" + takenMobile)).isEqualTo(1);
		assertThat(this.jdbc.sql("select id from app_user where mobile = ?")
			.param("+86" + takenMobile)
			.query(Long.class)
			.single()).isEqualTo(holder.path("userId").asLong());
		assertThat(count("select count(*) from user_import where external_id in (?, ?)", good1, good2)).isEqualTo(2);
	}

	@Test
	void twoOverlappingImportsAtOnceMakeEachAccountOnce() throws Exception {
		List<String> shared = new ArrayList<>();
		List<String> mobiles = new ArrayList<>();
		for (int i = 0; i < 1500; i++) {
			String mobile = newMobile();
			mobiles.add(mobile);
			shared.add(json(Map.of("externalId", "both-" + unique(), "mobile", mobile)));
		}
		// the same mobiles again under other external ids: one of each pair may win
		List<String> others = new ArrayList<>();
		for (String mobile : mobiles.subList(0, 500)) {
			others.add(json(Map.of("externalId", "other-" + unique(), "mobile", mobile)));
		}
		String a = String.join("\n", shared) + "\n" + String.join("\n", others);
		String b = String.join("\n", others) + "\n" + String.join("\n", shared);
		List<Callable<Api.Answer>> calls = List.of(
				() -> send(Call.of("POST", PATH).body(bytes(a), "application/x-ndjson").streamed()),
				() -> send(Call.of("POST", PATH).body(bytes(b), "application/x-ndjson").streamed()));

		List<Api.Answer> answers = runTogether(calls);

		long imported = 0;
		for (Api.Answer answer : answers) {
			assertThat(answer.code()).as(answer.toString()).isEqualTo(200);
			imported += answer.data().path("imported").asLong();
			assertThat(codes(answer.data())).containsOnly(40900);
		}
		assertThat(imported).isEqualTo(1500);
		assertThat(count("select count(*) from app_user where mobile = any(?)",
				(Object) mobiles.stream().map((m) -> "+86" + m).toArray(String[]::new)))
			.isEqualTo(1500);
	}

	@Test
	void onlyAnAdminSignedInWithASecondFactorMayImport() {
		String line = json(Map.of("externalId", "auth-" + unique(), "mobile", newMobile()));
		Call call = Call.of("POST", PATH).body(bytes(line), "application/x-ndjson");
		assertThat(api().send(call).code()).isEqualTo(40100);
		assertThat(api().send(Call.of("POST", PATH).body(bytes(line), "application/x-ndjson").bearer(newUserToken()))
			.code()).isEqualTo(40300);

		String name = "imp-admin-" + unique();
		String password = "Adm1n-" + unique();
		Api.Answer created = api().post("/api/v1/admin/users",
				Map.of("username", name, "password", password, "mobile", newMobile()), adminToken());
		long id = created.data().path("userId").asLong();
		api().patch("/api/v1/admin/users/" + id, Map.of("roles", List.of("USER", "ADMIN")), adminToken());
		String passwordOnly = signIn(name, password).data().path("accessToken").asString();
		assertThat(
				api().send(Call.of("POST", PATH).body(bytes(line), "application/x-ndjson").bearer(passwordOnly)).code())
			.isEqualTo(40303);
		String withFactor = AdminSecondFactor.enrolAndSignIn(api(), name, password);
		assertThat(api().send(Call.of("POST", PATH).body(bytes(line), "application/x-ndjson").bearer(withFactor))
			.data()
			.path("imported")
			.asLong()).isEqualTo(1);
	}

	@Test
	void aBodyThatIsNotNdjsonIsRefused() {
		Api.Answer json = send(Call.of("POST", PATH).json(Map.of("externalId", "x")));
		assertThat(json.code()).as(json.toString()).isEqualTo(41500);
		Api.Answer empty = send(Call.of("POST", PATH).body(new byte[0], "application/x-ndjson"));
		assertThat(empty.code()).as(empty.toString()).isEqualTo(200);
		assertThat(empty.data().path("imported").asLong()).isZero();
		Api.Answer flag = send(Call.of("POST", PATH + "?dryRun=maybe").body(bytes("{}"), "application/x-ndjson"));
		assertThat(flag.code()).as(flag.toString()).isEqualTo(40000);
	}

	@Test
	void anImportedHashIsNeverAnsweredNorExported() {
		String mobile = newMobile();
		String salt = "pepper" + unique();
		String hash = md5(salt + "whatever-" + unique());
		SensitiveValues.add(hash);
		SensitiveValues.add(salt);
		String external = "hidden-" + unique();
		JsonNode result = imported(json(Map.of("externalId", external, "mobile", mobile, "mobileVerified", true,
				"password", Map.of("algorithm", "md5-salt-suffix", "hash", hash, "salt", salt))));
		assertThat(result.path("imported").asLong()).isEqualTo(1);
		long userId = this.jdbc.sql("select user_id from user_import where external_id = ?")
			.param(external)
			.query(Long.class)
			.single();

		// the owner signs in with a code (the hash untouched) and asks for everything
		String token = newUser(mobile).path("accessToken").asString();
		Api.Answer export = api().get("/api/v1/users/me/export", token);
		assertThat(export.code()).isEqualTo(200);
		assertThat(export.data().path("profile").path("userId").asLong()).isEqualTo(userId);
		Api.Answer admin = api().get("/api/v1/admin/users/" + userId + "?reveal=true", adminToken());
		for (Api.Answer answer : List.of(export, admin, signIn(mobile, "not-it-" + unique()))) {
			assertThat(answer.text()).doesNotContain(hash).doesNotContain(salt);
		}
	}

	@Test
	void aLongImportKeepsGoingWhileItsClientKeepsSendingAndEndsWhenTheClientStalls() throws Exception {
		// 3,000 lines over about 4.5 s: longer than the 3 s a JSON body may take here
		List<String> lines = new ArrayList<>();
		for (int i = 0; i < 3000; i++) {
			lines.add(json(Map.of("externalId", "slow-" + unique(), "mobile", newMobile())));
		}
		byte[] body = bytes(String.join("\n", lines) + "\n");
		String steady = rawImport(body, 10, Duration.ofMillis(450));
		assertThat(steady).startsWith("HTTP/1.1 200").contains("\"imported\":3000");

		// a client that sends a few lines and then nothing for longer than it may wait
		byte[] stalled = bytes(json(Map.of("externalId", "stall-" + unique(), "mobile", newMobile())) + "\n"
				+ json(Map.of("externalId", "stall-" + unique(), "mobile", newMobile())) + "\n");
		String cut = rawImport(stalled, 2, Duration.ofMillis(4_000));
		assertThat(cut).startsWith("HTTP/1.1 408").contains("\"code\":40800");
	}

	/**
	 * Sends an import with a {@code Content-Length} in {@code pieces}, pausing between
	 * them, and answers the response as text.
	 */
	private String rawImport(byte[] body, int pieces, Duration pause) throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST " + PATH + " HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: " + newIp()
					+ "\r\nAuthorization: Bearer " + adminToken()
					+ "\r\nContent-Type: application/x-ndjson\r\nConnection: close\r\nContent-Length: " + body.length
					+ "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			int piece = (body.length + pieces - 1) / pieces;
			try {
				for (int offset = 0; offset < body.length; offset += piece) {
					if (offset > 0) {
						Thread.sleep(pause.toMillis());
					}
					out.write(body, offset, Math.min(piece, body.length - offset));
					out.flush();
				}
			}
			catch (IOException ex) {
				// refused before the end: the answer is waiting
			}
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private JsonNode imported(String file) {
		Api.Answer answer = send(Call.of("POST", PATH).body(bytes(file), "application/x-ndjson"));
		assertThat(answer.code()).as(answer.toString()).isEqualTo(200);
		return answer.data();
	}

	private JsonNode importedStreamed(String file) {
		Api.Answer answer = send(Call.of("POST", PATH).body(bytes(file), "application/x-ndjson").streamed());
		assertThat(answer.code()).as(answer.toString()).isEqualTo(200);
		return answer.data();
	}

	private Api.Answer send(Call call) {
		if (!call.headers().containsKey("Authorization")) {
			call.bearer(adminToken());
		}
		return api().send(call);
	}

	private Api.Answer social(Map<String, ?> body) {
		return api().send(Call.of("POST", "/api/v1/auth/login/social").json(body).from(newIp()));
	}

	/**
	 * A password sign-in from an address of its own, so other tests' failures do not
	 * count.
	 */
	private Api.Answer signIn(String account, String password) {
		return api().send(Call.of("POST", "/api/v1/auth/login/password")
			.json(Map.of("account", account, "password", password))
			.from(newIp()));
	}

	private String storedHash(String username) {
		return this.jdbc.sql("select password_hash from app_user where username = ?")
			.param(username.toLowerCase())
			.query(String.class)
			.single();
	}

	private static String digest(String algorithm, String text) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes(text)));
	}

	private long count(String sql, Object... params) {
		return this.jdbc.sql(sql).params(params).query(Long.class).single();
	}

	private static List<Integer> codes(JsonNode result) {
		List<Integer> codes = new ArrayList<>();
		result.path("rejected").forEach((rejection) -> codes.add(rejection.path("code").asInt()));
		return codes;
	}

	private static List<Integer> lines(JsonNode result) {
		List<Integer> lines = new ArrayList<>();
		result.path("rejected").forEach((rejection) -> lines.add(rejection.path("line").asInt()));
		return lines;
	}

	static String json(Object value) {
		return Api.JSON.writeValueAsString(value);
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static String md5(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes(text)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
