package com.usercenter.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Apple's identity service as the tests need it, on the shared WireMock server: the keys
 * at {@code /auth/keys} (which the tests rotate), identity tokens signed with them, and
 * the token and revoke endpoints. The client secrets the service sends are checked by the
 * tests against the team's public key, as Apple checks them.
 */
public final class FakeApple {

	public static final String BUNDLE_ID = "com.example.usercenter";

	private static final List<RSAKey> PUBLISHED = new ArrayList<>();

	private FakeApple() {
	}

	/** A new RSA key of Apple's, not yet published. */
	public static RSAKey newKey() {
		try {
			return new RSAKeyGenerator(2048).keyID("kid-" + System.nanoTime()).generate();
		}
		catch (com.nimbusds.jose.JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Apple publishes this key beside the ones it published before, and a minute passes:
	 * the service asks Apple for its keys at most once a minute.
	 */
	public static synchronized void publish(RSAKey key) {
		TestClock.advance(java.time.Duration.ofSeconds(61));
		PUBLISHED.add(key);
		List<com.nimbusds.jose.jwk.JWK> keys = new ArrayList<>();
		PUBLISHED.forEach((published) -> keys.add(published.toPublicJWK()));
		TestDeliveries.webhook()
			.stubFor(WireMock.get("/auth/keys").willReturn(WireMock.okJson(new JWKSet(keys).toString())));
	}

	public static String issuer() {
		return TestDeliveries.providersUrl();
	}

	/**
	 * The claims of a good identity token for this subject: the tests spoil one at a
	 * time.
	 */
	public static JWTClaimsSet.Builder claims(String subject, String rawNonce) {
		Instant now = TestClock.now();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer())
			.audience(BUNDLE_ID)
			.subject(subject)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
			.claim("email", subject.toLowerCase() + "@privaterelay.appleid.com")
			.claim("email_verified", "true")
			.claim("is_private_email", "true");
		if (rawNonce != null) {
			claims.claim("nonce", sha256(rawNonce));
		}
		return claims;
	}

	public static String sign(RSAKey key, JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
					claims);
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (com.nimbusds.jose.JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Apple's token endpoint: answers this refresh token for this authorization code. */
	public static void acceptCode(String code, String refreshToken) {
		TestDeliveries.webhook()
			.stubFor(WireMock.post("/auth/token")
				.withRequestBody(WireMock.containing("code=" + code))
				.withRequestBody(WireMock.containing("grant_type=authorization_code"))
				.willReturn(WireMock.okJson("{\"access_token\":\"a-" + code + "\",\"token_type\":\"Bearer\","
						+ "\"expires_in\":3600,\"refresh_token\":\"" + refreshToken + "\",\"id_token\":\"x\"}")));
	}

	/** Apple's revoke endpoint answers 200 for everything, as Apple does. */
	public static void acceptRevocations() {
		TestDeliveries.webhook().stubFor(WireMock.post("/auth/revoke").atPriority(10).willReturn(WireMock.ok()));
	}

	/** The form fields of every request the service sent to this path of Apple's. */
	public static List<Map<String, String>> formsSentTo(String path) {
		return TestDeliveries.webhook()
			.findAll(WireMock.postRequestedFor(WireMock.urlEqualTo(path)))
			.stream()
			.map((request) -> form(request.getBodyAsString()))
			.toList();
	}

	private static Map<String, String> form(String body) {
		Map<String, String> fields = new java.util.LinkedHashMap<>();
		for (String pair : body.split("&")) {
			int eq = pair.indexOf('=');
			fields.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
					java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
		}
		return fields;
	}

	public static String sha256(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
