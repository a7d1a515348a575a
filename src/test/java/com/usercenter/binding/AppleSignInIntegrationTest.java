package com.usercenter.binding;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.usercenter.support.Api;
import com.usercenter.support.ApiTestBase;
import com.usercenter.support.FakeApple;
import com.usercenter.support.TestClock;
import com.usercenter.support.TestDeliveries;
import com.usercenter.support.TestSecrets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign in with Apple against a fake Apple that publishes its keys, signs identity tokens
 * with them, and takes authorization codes and client secrets as Apple does.
 */
class AppleSignInIntegrationTest extends ApiTestBase {

	private static final RSAKey KEY = FakeApple.newKey();

	@Autowired
	private JdbcClient jdbc;

	@BeforeAll
	static void publishKey() {
		FakeApple.publish(KEY);
	}

	@Test
	void aGoodTokenSignsInAndMakesTheAccountOnce() {
		String subject = subject();
		String nonce = "raw-nonce-" + unique();

		Api.Answer first = apple(FakeApple.sign(KEY, FakeApple.claims(subject, nonce).build()), nonce,
				Map.of("nickname", "苹果用户"));
		Api.Answer again = apple(FakeApple.sign(KEY, FakeApple.claims(subject, null).build()), null, Map.of());

		assertThat(first.code()).as(first.toString()).isEqualTo(200);
		assertThat(first.data().path("needInfo").asBoolean()).isTrue();
		assertThat(first.data().path("user").path("nickname").asString()).isEqualTo("苹果用户");
		assertThat(again.data().path("userId").asLong()).isEqualTo(first.data().path("userId").asLong());
		assertThat(again.data().path("needInfo").asBoolean()).isFalse();
		assertThat(this.jdbc.sql("select email from user_identity where provider = 'apple' and subject = ?")
			.param(subject)
			.query(String.class)
			.single()).isEqualTo(subject.toLowerCase() + "@privaterelay.appleid.com");
	}

	@Test
	void applesEmailNeverLinksToAnotherAccount() {
		String email = "linked-" + unique() + "@example.com";
		long owner = api().post("/api/v1/auth/login/code", Map.of("email", email, "code", emailCode(email, "login")))
			.data()
			.path("userId")
			.asLong();
		String subject = subject();

		Api.Answer answer = apple(FakeApple.sign(KEY,
				FakeApple.claims(subject, null).claim("email", email).claim("is_private_email", "false").build()), null,
				Map.of());

		assertThat(answer.code()).isEqualTo(200);
		assertThat(answer.data().path("userId").asLong()).isNotEqualTo(owner);
		assertThat(answer.data().path("user").path("email").isNull()).isTrue();
	}

	@Test
	void tokensAppleWouldNotStandBehindAreRefused() throws Exception {
		String subject = subject();
		Instant now = TestClock.now();
		RSAKey stranger = FakeApple.newKey();
		RSAKey sameKidOtherKey = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID(KEY.getKeyID()).generate();
		Map<String, String> refused = new HashMap<>();
		refused.put("wrong aud",
				FakeApple.sign(KEY, FakeApple.claims(subject, null).audience("com.example.other").build()));
		refused.put("wrong iss",
				FakeApple.sign(KEY, FakeApple.claims(subject, null).issuer("https://evil.example").build()));
		refused.put("expired", FakeApple.sign(KEY,
				FakeApple.claims(subject, null).expirationTime(Date.from(now.minus(Duration.ofMinutes(5)))).build()));
		refused.put("another key's signature under Apple's kid",
				FakeApple.sign(sameKidOtherKey, FakeApple.claims(subject, null).build()));
		refused.put("a key Apple never published", FakeApple.sign(stranger, FakeApple.claims(subject, null).build()));
		refused.put("no subject", FakeApple.sign(KEY, FakeApple.claims(subject, null).subject(null).build()));
		SignedJWT hs256 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(KEY.getKeyID()).build(),
				FakeApple.claims(subject, null).build());
		hs256.sign(new MACSigner(KEY.toRSAPublicKey().getEncoded()));
		refused.put("HS256 keyed with Apple's public key", hs256.serialize());
		refused.put("alg none", new PlainJWT(new PlainHeader(), FakeApple.claims(subject, null).build()).serialize());
		refused.put("not a JWT", "not.a.jwt");

		refused.forEach((why, token) -> assertThat(apple(token, null, Map.of()).code()).as(why).isEqualTo(40105));
		assertThat(apple(FakeApple.sign(KEY, FakeApple.claims(subject, "right").build()), "wrong", Map.of()).code())
			.as("a nonce other than the one in the token")
			.isEqualTo(40105);
		assertThat(apple(FakeApple.sign(KEY, FakeApple.claims(subject, null).build()), "sent", Map.of()).code())
			.as("a nonce sent, none in the token")
			.isEqualTo(40105);
		assertThat(this.jdbc.sql("select count(*) from user_identity where subject = ?")
			.param(subject)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void appleRotatesItsKeysAndAFloodOfUnknownKidsAsksAppleOnceAMinute() {
		RSAKey next = FakeApple.newKey();
		FakeApple.publish(next);
		TestDeliveries.webhook().resetRequests();

		Api.Answer rotated = apple(FakeApple.sign(next, FakeApple.claims(subject(), null).build()), null, Map.of());
		RSAKey made = FakeApple.newKey();
		for (int i = 0; i < 20; i++) {
			RSAKey bogus = new RSAKey.Builder(made).keyID("made-up-" + i).build();
			assertThat(apple(FakeApple.sign(bogus, FakeApple.claims(subject(), null).build()), null, Map.of()).code())
				.isEqualTo(40105);
		}

		assertThat(rotated.code()).as(rotated.toString()).isEqualTo(200);
		assertThat(TestDeliveries.webhook().findAll(WireMock.getRequestedFor(WireMock.urlEqualTo("/auth/keys"))))
			.as("one fetch for the new key, none for the flood")
			.hasSize(1);
	}

	@Test
	void theAuthorizationCodeIsExchangedWithASignedClientSecretAndTheRefreshTokenKeptSealed() throws Exception {
		String subject = subject();
		String code = "code-" + unique();
		String refresh = "refresh-" + unique();
		FakeApple.acceptCode(code, refresh);

		Api.Answer answer = apple(FakeApple.sign(KEY, FakeApple.claims(subject, null).build()), null,
				Map.of("authorizationCode", code));

		assertThat(answer.code()).as(answer.toString()).isEqualTo(200);
		Map<String, String> exchange = FakeApple.formsSentTo("/auth/token")
			.stream()
			.filter((form) -> code.equals(form.get("code")))
			.findFirst()
			.orElseThrow();
		assertThat(exchange.get("client_id")).isEqualTo(FakeApple.BUNDLE_ID);
		SignedJWT secret = SignedJWT.parse(exchange.get("client_secret"));
		assertThat(secret.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
		assertThat(secret.getHeader().getKeyID()).isEqualTo("KEY1234567");
		assertThat(secret.verify(new ECDSAVerifier(TestSecrets.applePublicKey()))).isTrue();
		assertThat(secret.getJWTClaimsSet().getIssuer()).isEqualTo("TEAM123456");
		assertThat(secret.getJWTClaimsSet().getSubject()).isEqualTo(FakeApple.BUNDLE_ID);
		assertThat(secret.getJWTClaimsSet().getAudience()).containsExactly(FakeApple.issuer());
		byte[] sealed = this.jdbc
			.sql("select refresh_sealed from user_identity where provider = 'apple' and subject = ?")
			.param(subject)
			.query(byte[].class)
			.single();
		assertThat(sealed).isNotNull();
		assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(refresh);
	}

	@Test
	void anAppleThatDoesNotAnswerCostsABoundedWaitAnd50200() {
		String code = "slow-" + unique();
		TestDeliveries.webhook()
			.stubFor(WireMock.post("/auth/token")
				.atPriority(1)
				.withRequestBody(WireMock.containing("code=" + code))
				.willReturn(WireMock.okJson("{}").withFixedDelay(3_000)));
		long started = System.nanoTime();

		Api.Answer answer = apple(FakeApple.sign(KEY, FakeApple.claims(subject(), null).build()), null,
				Map.of("authorizationCode", code));

		assertThat(answer.code()).isEqualTo(50200);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2_500));
	}

	@Test
	void anAccountBindsAnAppleId() {
		String token = newUserToken();
		String subject = subject();

		Api.Answer bound = api().post("/api/v1/users/me/identities", Map.of("provider", "apple", "identityToken",
				FakeApple.sign(KEY, FakeApple.claims(subject, null).build())), token);
		List<String> providers = api().get("/api/v1/users/me/identities", token).data().findValuesAsString("provider");

		assertThat(bound.code()).as(bound.toString()).isEqualTo(200);
		assertThat(bound.data().path("provider").asString()).isEqualTo("apple");
		assertThat(bound.data().path("subject").asString()).doesNotContain(subject);
		assertThat(providers).contains("apple");
	}

	private Api.Answer apple(String identityToken, String nonce, Map<String, String> more) {
		Map<String, String> body = new HashMap<>(more);
		body.put("provider", "apple");
		body.put("identityToken", identityToken);
		if (nonce != null) {
			body.put("nonce", nonce);
		}
		return api().post("/api/v1/auth/login/social", body);
	}

	private static String subject() {
		return "001234." + unique() + ".0912";
	}

}
