package com.usercenter.passkey;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.usercenter.support.Api;
import com.usercenter.support.ApiTestBase;
import com.usercenter.user.UserLifecycle;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passkeys end to end, with an authenticator emulated in the test: registered and used to
 * sign in (with and without naming the account), and every way an assertion must fail:
 * replayed, from another origin, for another rp-id, with a counter that goes back,
 * without user verification, with another account's user handle; the list, removal, the
 * limit of 20, and options for an account that does not exist shaped as those for one
 * that does.
 */
class PasskeyIntegrationTest extends ApiTestBase {

	private static final String OPTIONS = "/api/v1/users/me/passkeys/options";

	private static final String PASSKEYS = "/api/v1/users/me/passkeys";

	private static final String LOGIN_OPTIONS = "/api/v1/auth/login/passkey/options";

	private static final String LOGIN = "/api/v1/auth/login/passkey";

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private UserLifecycle users;

	@Test
	void aPasskeyRegisteredSignsInWithoutNamingTheAccount() {
		JsonNode user = newUser(newMobile());
		String token = user.path("accessToken").asString();
		TestAuthenticator authenticator = new TestAuthenticator();

		Api.Answer options = api().post(OPTIONS, null, token);
		Api.Answer registered = api().post(PASSKEYS,
				Map.of("name", "My phone", "credential", authenticator.register(options.data())), token);
		Api.Answer loginOptions = api().post(LOGIN_OPTIONS, Map.of());
		Api.Answer login = api().post(LOGIN, Map.of("challengeId", loginOptions.data().path("challengeId").asString(),
				"credential", authenticator.assertion(loginOptions.data().path("options"))));

		JsonNode creation = options.data();
		assertThat(options.code()).as(options.toString()).isEqualTo(200);
		assertThat(creation.path("rp").path("id").asString()).isEqualTo("localhost");
		assertThat(creation.path("rp").path("name").asString()).isEqualTo("User Center");
		String handle = creation.path("user").path("id").asString();
		assertThat(Base64.getUrlDecoder().decode(handle)).hasSize(32);
		assertThat(creation.path("user").path("name").asString())
			.isEqualTo(user.path("user").path("mobile").asString());
		assertThat(Base64.getUrlDecoder().decode(creation.path("challenge").asString())).hasSize(32);
		assertThat(creation.path("pubKeyCredParams").findValuesAsString("alg")).containsExactly("-7", "-8", "-257");
		assertThat(creation.path("timeout").asLong()).isEqualTo(300_000);
		assertThat(creation.path("excludeCredentials").isEmpty()).isTrue();
		assertThat(creation.path("authenticatorSelection").path("residentKey").asString()).isEqualTo("required");
		assertThat(creation.path("authenticatorSelection").path("userVerification").asString()).isEqualTo("required");
		assertThat(creation.path("attestation").asString()).isEqualTo("none");

		assertThat(registered.code()).as(registered.toString()).isEqualTo(200);
		assertThat(registered.data().path("name").asString()).isEqualTo("My phone");
		assertThat(registered.data().path("createdAt").asLong()).isPositive();

		JsonNode request = loginOptions.data().path("options");
		assertThat(request.path("allowCredentials").isEmpty()).isTrue();
		assertThat(request.path("userVerification").asString()).isEqualTo("required");
		assertThat(request.path("rpId").asString()).isEqualTo("localhost");

		assertThat(login.code()).as(login.toString()).isEqualTo(200);
		assertThat(login.data().path("userId").asLong()).isEqualTo(user.path("userId").asLong());
		assertThat(login.data().path("needInfo").asBoolean()).isFalse();
		Api.Answer me = api().get("/api/v1/users/me", login.data().path("accessToken").asString());
		assertThat(me.code()).as(me.toString()).isEqualTo(200);
		assertThat(me.data().path("userId").asLong()).isEqualTo(user.path("userId").asLong());
		Api.Answer refreshed = api().post("/api/v1/auth/refresh",
				Map.of("refreshToken", login.data().path("refreshToken").asString()));
		assertThat(refreshed.code()).as(refreshed.toString()).isEqualTo(200);

		JsonNode listed = api().get(PASSKEYS, token).data();
		assertThat(listed).hasSize(1);
		assertThat(listed.get(0).path("id").asString()).isEqualTo(registered.data().path("id").asString());
		assertThat(listed.get(0).path("lastUsedAt").asLong()).isPositive();
		JsonNode again = api().post(OPTIONS, null, token).data();
		assertThat(again.path("excludeCredentials").findValuesAsString("id"))
			.containsExactly(authenticator.credentialId());
		assertThat(again.path("user").path("id").asString()).as("one handle per account").isEqualTo(handle);
		assertThat(api().post(OPTIONS, null, newUserToken()).data().path("user").path("id").asString())
			.isNotEqualTo(handle);
		assertThat(api().get("/api/v1/users/me/sessions", token).data().findValuesAsString("channel"))
			.contains("passkey");
	}

	@ParameterizedTest
	@EnumSource(value = TestAuthenticator.Algorithm.class, names = { "ES256", "EDDSA", "RS256" })
	void eachAlgorithmOfferedRegistersAndSignsIn(TestAuthenticator.Algorithm algorithm) {
		String token = newUserToken();
		TestAuthenticator authenticator = new TestAuthenticator(algorithm);

		Api.Answer registered = api().post(PASSKEYS,
				Map.of("credential", authenticator.register(api().post(OPTIONS, null, token).data())), token);

		assertThat(registered.code()).as(registered.toString()).isEqualTo(200);
		assertThat(signIn(authenticator).code()).isEqualTo(200);
	}

	@Test
	void anAlgorithmNotOfferedIsRefused() {
		String token = newUserToken();
		TestAuthenticator authenticator = new TestAuthenticator(TestAuthenticator.Algorithm.ES384);

		Api.Answer registered = api().post(PASSKEYS,
				Map.of("credential", authenticator.register(api().post(OPTIONS, null, token).data())), token);

		assertThat(registered.code()).isEqualTo(40000);
	}

	@Test
	void namingTheAccountListsItsPasskeys() {
		String mobile = newMobile();
		String token = newUser(mobile).path("accessToken").asString();
		TestAuthenticator first = registered(token);
		TestAuthenticator second = registered(token);

		Api.Answer options = api().post(LOGIN_OPTIONS, Map.of("account", mobile));
		Api.Answer login = finish(options, second);

		assertThat(options.data().path("options").path("allowCredentials").findValuesAsString("id"))
			.containsExactly(first.credentialId(), second.credentialId());
		assertThat(login.code()).as(login.toString()).isEqualTo(200);
	}

	@Test
	void anotherAccountsPasskeyDoesNotAnswerOptionsNamingAnAccount() {
		String mobile = newMobile();
		registered(newUser(mobile).path("accessToken").asString());
		TestAuthenticator someoneElses = registered(newUserToken());

		Api.Answer login = finish(api().post(LOGIN_OPTIONS, Map.of("account", mobile)), someoneElses);

		assertThat(login.code()).isEqualTo(40102);
	}

	@Test
	void anAssertionReplayedIsRefused() {
		TestAuthenticator authenticator = registered(newUserToken());
		Api.Answer options = api().post(LOGIN_OPTIONS, Map.of());
		Map<String, Object> body = Map.of("challengeId", options.data().path("challengeId").asString(), "credential",
				authenticator.assertion(options.data().path("options")));

		Api.Answer first = api().post(LOGIN, body);
		Api.Answer again = api().post(LOGIN, body);
		Api.Answer underAnotherChallenge = api().post(LOGIN,
				Map.of("challengeId", api().post(LOGIN_OPTIONS, Map.of()).data().path("challengeId").asString(),
						"credential", body.get("credential")));

		assertThat(first.code()).as(first.toString()).isEqualTo(200);
		assertThat(again.code()).as("the challenge is used up").isEqualTo(40101);
		assertThat(underAnotherChallenge.code()).as("it signs the first challenge").isEqualTo(40102);
	}

	@Test
	void oneCeremonyFinishedTwiceAtOnceSignsInOnce() throws Exception {
		TestAuthenticator authenticator = registered(newUserToken());
		Api.Answer options = api().post(LOGIN_OPTIONS, Map.of());
		Map<String, Object> body = Map.of("challengeId", options.data().path("challengeId").asString(), "credential",
				authenticator.assertion(options.data().path("options")));
		List<Callable<Api.Answer>> calls = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			calls.add(() -> api().post(LOGIN, body));
		}

		List<Integer> codes = runTogether(calls).stream().map(Api.Answer::code).toList();

		assertThat(codes).filteredOn((code) -> code == 200).hasSize(1);
		assertThat(codes).filteredOn((code) -> code != 200).containsOnly(40101);
	}

	@Test
	void anAssertionFromAnotherOriginIsRefused() {
		TestAuthenticator authenticator = registered(newUserToken());
		authenticator.origin = "https://evil.example";

		assertThat(signIn(authenticator).code()).isEqualTo(40102);
		authenticator.origin = TestAuthenticator.ORIGIN;
		assertThat(signIn(authenticator).code()).as("the same passkey from the right origin").isEqualTo(200);
	}

	@Test
	void anAssertionForAnotherRpIdIsRefused() {
		TestAuthenticator authenticator = registered(newUserToken());
		authenticator.rpId = "evil.example";

		assertThat(signIn(authenticator).code()).isEqualTo(40102);
	}

	@Test
	void aCounterThatDoesNotGoUpIsRefused() {
		TestAuthenticator authenticator = registered(newUserToken());
		authenticator.counter = 5;
		assertThat(signIn(authenticator).code()).isEqualTo(200);

		authenticator.counter = 3;
		Api.Answer backwards = signIn(authenticator);
		authenticator.counter = 5;
		Api.Answer same = signIn(authenticator);
		authenticator.counter = 6;
		Api.Answer forwards = signIn(authenticator);

		assertThat(backwards.code()).isEqualTo(40102);
		assertThat(same.code()).isEqualTo(40102);
		assertThat(forwards.code()).isEqualTo(200);
	}

	@Test
	void twoAssertionsWithOneCounterValueAtOnceSignInOnce() throws Exception {
		TestAuthenticator authenticator = registered(newUserToken());
		List<Callable<Api.Answer>> calls = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			authenticator.counter = 7;
			Api.Answer options = api().post(LOGIN_OPTIONS, Map.of());
			Map<String, Object> body = Map.of("challengeId", options.data().path("challengeId").asString(),
					"credential", authenticator.assertion(options.data().path("options")));
			calls.add(() -> api().post(LOGIN, body));
		}

		List<Integer> codes = runTogether(calls).stream().map(Api.Answer::code).toList();

		assertThat(codes).as("a cloned key's copies, each on a challenge of its own")
			.filteredOn((code) -> code == 200)
			.hasSize(1);
		assertThat(codes).filteredOn((code) -> code != 200).containsOnly(40102);
	}

	@Test
	void anAuthenticatorWithoutACounterSignsInEachTime() {
		TestAuthenticator authenticator = registered(newUserToken());

		authenticator.counter = 0;
		Api.Answer first = signIn(authenticator);
		authenticator.counter = 0;
		Api.Answer second = signIn(authenticator);

		assertThat(first.code()).isEqualTo(200);
		assertThat(second.code()).isEqualTo(200);
	}

	@Test
	void anAssertionWithoutUserVerificationIsRefused() {
		TestAuthenticator authenticator = registered(newUserToken());
		authenticator.flags = TestAuthenticator.UP;

		assertThat(signIn(authenticator).code()).isEqualTo(40102);
	}

	@Test
	void aRegistrationWithoutUserVerificationOrFromElsewhereIsRefused() {
		String token = newUserToken();
		TestAuthenticator unverified = new TestAuthenticator();
		unverified.flags = TestAuthenticator.UP;
		TestAuthenticator elsewhere = new TestAuthenticator();
		elsewhere.origin = "https://evil.example";
		TestAuthenticator otherRp = new TestAuthenticator();
		otherRp.rpId = "evil.example";

		for (TestAuthenticator authenticator : List.of(unverified, elsewhere, otherRp)) {
			Api.Answer answer = api().post(PASSKEYS,
					Map.of("credential", authenticator.register(api().post(OPTIONS, null, token).data())), token);
			assertThat(answer.code()).as(answer.toString()).isEqualTo(40000);
			assertThat(answer.data().path("errors").get(0).path("field").asString()).isEqualTo("credential");
		}
		assertThat(api().get(PASSKEYS, token).data().isEmpty()).isTrue();
	}

	@Test
	void aRegistrationAnswersItsOwnAccountsChallengeOnce() {
		String token = newUserToken();
		TestAuthenticator authenticator = new TestAuthenticator();
		Map<String, Object> credential = authenticator.register(api().post(OPTIONS, null, token).data());

		Api.Answer byAnother = api().post(PASSKEYS, Map.of("credential", credential), newUserToken());
		Api.Answer byOwner = api().post(PASSKEYS, Map.of("credential", credential), token);
		Api.Answer again = api().post(PASSKEYS, Map.of("credential", credential), token);

		assertThat(byAnother.code()).as("another account's challenge").isEqualTo(40000);
		assertThat(byOwner.code()).as(byOwner.toString()).isEqualTo(200);
		assertThat(byOwner.data().path("name").asString()).isEqualTo("Passkey");
		assertThat(again.code()).isEqualTo(40000);
	}

	@Test
	void aUserHandleOfAnotherAccountIsRefused() {
		TestAuthenticator authenticator = registered(newUserToken());
		authenticator.forgetUserHandle(new byte[32]);

		assertThat(signIn(authenticator).code()).isEqualTo(40102);
	}

	@Test
	void aDisabledAccountCannotSignInWithItsPasskey() {
		JsonNode user = newUser(newMobile());
		TestAuthenticator authenticator = registered(user.path("accessToken").asString());
		this.jdbc.sql("update app_user set status = 'disabled' where id = ?")
			.param(user.path("userId").asLong())
			.update();

		assertThat(signIn(authenticator).code()).isEqualTo(40301);
	}

	@Test
	void unknownAndUsedChallengeIdsAnswer40101() {
		TestAuthenticator authenticator = registered(newUserToken());
		JsonNode options = api().post(LOGIN_OPTIONS, Map.of()).data();

		Api.Answer unknown = api().post(LOGIN, Map.of("challengeId", "not-a-challenge", "credential",
				authenticator.assertion(options.path("options"))));

		assertThat(unknown.status()).isEqualTo(401);
		assertThat(unknown.code()).isEqualTo(40101);
	}

	@Test
	void failedSignInsCountWithTheOtherSignInsOfTheAddress() {
		TestAuthenticator authenticator = registered(newUserToken());
		String ip = newIp();
		List<Integer> codes = new ArrayList<>();
		for (int i = 0; i < 31; i++) {
			JsonNode options = api().post(LOGIN_OPTIONS, Map.of()).data();
			codes.add(
					api()
						.send(Api.Call.of("POST", LOGIN)
							.json(Map.of("challengeId", "wrong-" + i, "credential",
									authenticator.assertion(options.path("options"))))
							.from(ip))
						.code());
		}

		assertThat(codes.subList(0, 30)).containsOnly(40101);
		assertThat(codes.get(30)).isEqualTo(42900);
	}

	@Test
	void removingAPasskeyEndsItsSignInsAndOnlyTheOwnerCanRemoveIt() {
		String token = newUserToken();
		TestAuthenticator kept = registered(token);
		TestAuthenticator removed = registered(token);
		String otherToken = newUserToken();
		registered(otherToken);
		JsonNode listed = api().get(PASSKEYS, token).data();
		String removedId = listed.get(1).path("id").asString();
		String othersId = api().get(PASSKEYS, otherToken).data().get(0).path("id").asString();

		Api.Answer byStranger = api().send(Api.Call.of("DELETE", PASSKEYS + "/" + removedId).bearer(otherToken));
		Api.Answer byOwner = api().send(Api.Call.of("DELETE", PASSKEYS + "/" + removedId).bearer(token));
		Api.Answer twice = api().send(Api.Call.of("DELETE", PASSKEYS + "/" + removedId).bearer(token));
		Api.Answer someoneElses = api().send(Api.Call.of("DELETE", PASSKEYS + "/" + othersId).bearer(token));
		Api.Answer malformed = api().send(Api.Call.of("DELETE", PASSKEYS + "/not-an-id").bearer(token));

		assertThat(byStranger.code()).isEqualTo(40400);
		assertThat(byOwner.code()).as(byOwner.toString()).isEqualTo(200);
		assertThat(twice.code()).isEqualTo(40400);
		assertThat(someoneElses.code()).isEqualTo(40400);
		assertThat(List.of(someoneElses.status(), someoneElses.msg(), someoneElses.data().toString()))
			.as("the same answer as for an id that does not exist")
			.isEqualTo(List.of(twice.status(), twice.msg(), twice.data().toString()));
		assertThat(malformed.code()).isEqualTo(40400);
		assertThat(api().get(PASSKEYS, otherToken).data()).hasSize(1);
		assertThat(api().get(PASSKEYS, token).data().findValuesAsString("id"))
			.containsExactly(listed.get(0).path("id").asString());
		assertThat(signIn(removed).code()).isEqualTo(40102);
		assertThat(signIn(kept).code()).isEqualTo(200);
	}

	@Test
	void theListShowsNamesAndTimesButNoKeys() {
		String token = newUserToken();
		for (String name : List.of("iPhone", "YubiKey")) {
			TestAuthenticator authenticator = new TestAuthenticator();
			api().post(PASSKEYS,
					Map.of("name", name, "credential", authenticator.register(api().post(OPTIONS, null, token).data())),
					token);
		}

		JsonNode listed = api().get(PASSKEYS, token).data();

		assertThat(listed.findValuesAsString("name")).containsExactly("iPhone", "YubiKey");
		assertThat(listed.get(0).propertyNames()).containsExactlyInAnyOrder("id", "name", "createdAt", "lastUsedAt");
		assertThat(listed.get(0).path("lastUsedAt").isNull()).isTrue();
	}

	@Test
	void anAccountHoldsAtMostTwentyPasskeys() {
		String token = newUserToken();
		for (int i = 0; i < 19; i++) {
			registered(token);
		}
		JsonNode lastOptions = api().post(OPTIONS, null, token).data();
		JsonNode oneTooMany = api().post(OPTIONS, null, token).data();
		assertThat(
				api().post(PASSKEYS, Map.of("credential", new TestAuthenticator().register(lastOptions)), token).code())
			.isEqualTo(200);

		Api.Answer twentyFirst = api().post(PASSKEYS,
				Map.of("credential", new TestAuthenticator().register(oneTooMany)), token);
		Api.Answer moreOptions = api().post(OPTIONS, null, token);

		assertThat(twentyFirst.code()).isEqualTo(40000);
		assertThat(twentyFirst.data().path("errors").get(0).path("field").asString()).isEqualTo("passkeys");
		assertThat(moreOptions.code()).isEqualTo(40000);
		assertThat(api().get(PASSKEYS, token).data()).hasSize(20);
	}

	@Test
	void registrationsAtOnceCannotPassTheLimitTogether() throws Exception {
		String token = newUserToken();
		for (int i = 0; i < 17; i++) {
			registered(token);
		}
		List<Callable<Api.Answer>> calls = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			Map<String, Object> credential = new TestAuthenticator().register(api().post(OPTIONS, null, token).data());
			calls.add(() -> api().post(PASSKEYS, Map.of("credential", credential), token));
		}

		List<Integer> codes = runTogether(calls).stream().map(Api.Answer::code).toList();

		assertThat(codes).filteredOn((code) -> code == 200).hasSize(3);
		assertThat(codes).filteredOn((code) -> code != 200).containsOnly(40000);
		assertThat(api().get(PASSKEYS, token).data()).hasSize(20);
	}

	@Test
	void optionsForAnAccountThatDoesNotExistLookLikeThoseForOneThatDoes() {
		String known = newMobile();
		registered(newUser(known).path("accessToken").asString());
		String withoutPasskey = newMobile();
		newUser(withoutPasskey);
		String unknown = newMobile();

		JsonNode forKnown = api().post(LOGIN_OPTIONS, Map.of("account", known)).data();
		JsonNode forUnknown = api().post(LOGIN_OPTIONS, Map.of("account", unknown)).data();
		JsonNode forUnknownAgain = api().post(LOGIN_OPTIONS, Map.of("account", "+86 " + unknown)).data();
		JsonNode forNone = api().post(LOGIN_OPTIONS, Map.of("account", withoutPasskey)).data();

		assertThat(shape(forUnknown)).isEqualTo(shape(forKnown));
		assertThat(shape(forNone)).isEqualTo(shape(forKnown));
		assertThat(ids(forUnknownAgain)).as("the same made-up id for every spelling, every time")
			.isEqualTo(ids(forUnknown));
		assertThat(ids(forUnknown)).isNotEqualTo(ids(forKnown));
		assertThat(ids(forNone)).isNotEqualTo(ids(forUnknown));
	}

	@Test
	void signingInNamingAnAccountThatDoesNotExistFails() {
		TestAuthenticator authenticator = registered(newUserToken());

		Api.Answer login = finish(api().post(LOGIN_OPTIONS, Map.of("account", newMobile())), authenticator);

		assertThat(login.code()).isEqualTo(40102);
	}

	@Test
	void anErasedAccountsPasskeysGoWithIt() {
		String mobile = newMobile();
		JsonNode user = newUser(mobile);
		String token = user.path("accessToken").asString();
		TestAuthenticator authenticator = registered(token);
		Api.Answer deletion = api().post("/api/v1/users/me/deletion", Map.of("ticket", ticket(mobile, "verify")),
				token);
		assertThat(deletion.code()).as(deletion.toString()).isEqualTo(200);

		assertThat(this.users.erase(user.path("userId").asLong())).isTrue();

		long userId = user.path("userId").asLong();
		assertThat(this.jdbc.sql("select count(*) from passkey where user_id = ?")
			.param(userId)
			.query(Long.class)
			.single()).isZero();
		assertThat(this.jdbc.sql("select count(*) from passkey_user where user_id = ?")
			.param(userId)
			.query(Long.class)
			.single()).isZero();
		assertThat(signIn(authenticator).code()).isEqualTo(40102);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{}", "{\"credential\":null}", "{\"name\":\"%s\",\"credential\":%s}",
			"{\"credential\":{\"id\":\"a\",\"rawId\":\"a\",\"type\":\"public-key\"}}",
			"{\"credential\":{\"id\":\"a b\",\"rawId\":\"a\",\"type\":\"public-key\",\"response\":"
					+ "{\"clientDataJSON\":\"e30\",\"attestationObject\":\"oA\"}}}",
			"{\"credential\":{\"id\":\"AAAA\",\"rawId\":\"AAAB\",\"type\":\"public-key\",\"response\":"
					+ "{\"clientDataJSON\":\"e30\",\"attestationObject\":\"oA\"}}}",
			"{\"credential\":{\"id\":\"AAAA\",\"rawId\":\"AAAA\",\"type\":\"password\",\"response\":"
					+ "{\"clientDataJSON\":\"e30\",\"attestationObject\":\"oA\"}}}",
			"{\"credential\":{\"id\":\"AAAA\",\"rawId\":\"AAAA\",\"type\":\"public-key\",\"response\":"
					+ "{\"clientDataJSON\":\"e30\",\"attestationObject\":\"oA\"}}}",
			"{\"credential\":{\"id\":\"A\",\"rawId\":\"A\",\"type\":\"public-key\",\"response\":"
					+ "{\"clientDataJSON\":\"e30\",\"attestationObject\":\"oA\"}}}" })
	void invalidRegistrationsAnswer40000(String template) {
		String token = newUserToken();
		Map<String, Object> good = new TestAuthenticator().register(api().post(OPTIONS, null, token).data());
		String body = String.format(template, "x".repeat(65), Api.JSON.writeValueAsString(good));

		Api.Answer answer = api().post(PASSKEYS, body, token);

		assertThat(answer.code()).as(answer.toString()).isEqualTo(40000);
		assertThat(answer.data().path("errors").isEmpty()).isFalse();
	}

	@Test
	void aCredentialTooLargeAnswers40000NamingItsField() {
		String token = newUserToken();
		Map<String, Object> credential = new HashMap<>(
				new TestAuthenticator().register(api().post(OPTIONS, null, token).data()));
		Map<String, Object> response = new LinkedHashMap<>(castMap(credential.get("response")));
		response.put("clientDataJSON", "A".repeat(4100));
		credential.put("response", response);

		Api.Answer answer = api().post(PASSKEYS, Map.of("credential", credential), token);

		assertThat(answer.code()).isEqualTo(40000);
		assertThat(answer.data().path("errors").get(0).path("field").asString())
			.isEqualTo("credential.response.clientDataJSON");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{}", "{\"challengeId\":\"x\"}", "{\"challengeId\":\"x\",\"credential\":{}}",
			"{\"challengeId\":\"x\",\"credential\":{\"id\":\"AAAA\",\"rawId\":\"AAAA\",\"type\":\"public-key\","
					+ "\"response\":{\"clientDataJSON\":\"e30\",\"authenticatorData\":\"AA\",\"signature\":\"AA\","
					+ "\"userHandle\":\"*\"}}}",
			"{\"account\":\"\"}" })
	void invalidSignInsAnswer40000(String body) {
		String path = body.contains("account") ? LOGIN_OPTIONS : LOGIN;

		Api.Answer answer = api().post(path, body);

		assertThat(answer.code()).as(answer.toString()).isEqualTo(40000);
	}

	@Test
	void aCredentialThatIsNotOneAnswers40102() {
		JsonNode options = api().post(LOGIN_OPTIONS, null).data();
		Map<String, Object> garbage = Map.of("id", "AAAA", "rawId", "AAAA", "type", "public-key", "response",
				Map.of("clientDataJSON", "e30", "authenticatorData", "AAAA", "signature", "AAAA"));

		Api.Answer answer = api().post(LOGIN,
				Map.of("challengeId", options.path("challengeId").asString(), "credential", garbage));

		assertThat(answer.code()).isEqualTo(40102);
	}

	/** Registers a new emulated authenticator on the account. */
	private TestAuthenticator registered(String token) {
		TestAuthenticator authenticator = new TestAuthenticator();
		Api.Answer options = api().post(OPTIONS, null, token);
		assertThat(options.code()).as(options.toString()).isEqualTo(200);
		Api.Answer registered = api().post(PASSKEYS, Map.of("credential", authenticator.register(options.data())),
				token);
		assertThat(registered.code()).as(registered.toString()).isEqualTo(200);
		return authenticator;
	}

	/** Signs in with the authenticator, naming no account. */
	private Api.Answer signIn(TestAuthenticator authenticator) {
		return finish(api().post(LOGIN_OPTIONS, Map.of()), authenticator);
	}

	private Api.Answer finish(Api.Answer options, TestAuthenticator authenticator) {
		assertThat(options.code()).as(options.toString()).isEqualTo(200);
		return api().post(LOGIN, Map.of("challengeId", options.data().path("challengeId").asString(), "credential",
				authenticator.assertion(options.data().path("options"))));
	}

	/** The options with every value replaced by its type and, for strings, length. */
	private static String shape(JsonNode node) {
		if (node.isObject()) {
			StringBuilder shape = new StringBuilder("{");
			node.properties()
				.forEach((
						entry) -> shape.append(entry.getKey()).append(':').append(shape(entry.getValue())).append(','));
			return shape.append('}').toString();
		}
		if (node.isArray()) {
			StringBuilder shape = new StringBuilder("[");
			node.forEach((item) -> shape.append(shape(item)).append(','));
			return shape.append(']').toString();
		}
		return node.getNodeType() + (node.isString() ? "(" + node.asString().length() + ")" : "");
	}

	private static List<String> ids(JsonNode options) {
		return options.path("options").path("allowCredentials").findValuesAsString("id");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> castMap(Object value) {
		return (Map<String, Object>) value;
	}

}
