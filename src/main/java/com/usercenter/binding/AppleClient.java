package com.usercenter.binding;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.usercenter.core.UpstreamFailed;
import com.usercenter.secrets.Digests;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * Sign in with Apple. The identity token is an RS256 JWT checked against Apple's keys
 * ({@code /auth/keys}, cached; an unknown {@code kid} fetches them again, at most once a
 * minute, so a flood of made-up kids cannot hammer Apple): {@code iss} is the base URL,
 * {@code aud} one of the configured bundle ids, it has not expired (one minute of clock
 * skew), and when the app sent a nonce the token's {@code nonce} is its SHA-256 in hex.
 * The email in it is kept only when Apple says it is verified, and only on the identity.
 * With an authorization code and the key settings, the code is exchanged
 * ({@code /auth/token}) for the refresh token account deletion revokes
 * ({@code /auth/revoke}).
 */
@Component
class AppleClient extends ProviderClient {

	static final String PROVIDER = "apple";

	private static final Duration SKEW = Duration.ofMinutes(1);

	private static final Duration REFETCH_AT_MOST_EVERY = Duration.ofMinutes(1);

	private final SocialSettings.Apple settings;

	private final Clock clock;

	private volatile JWKSet keys = new JWKSet();

	private volatile Instant fetchedAt = Instant.EPOCH;

	AppleClient(SocialSettings settings, RestClient.Builder builder, JsonMapper json, Clock clock) {
		super(settings, builder, json);
		this.settings = settings.apple();
		this.clock = clock;
	}

	@Override
	String provider() {
		return PROVIDER;
	}

	@Override
	boolean configured() {
		return !this.settings.clientIds().isEmpty();
	}

	@Override
	SocialProfile verify(SocialCredential credential) {
		if (blank(credential.identityToken())) {
			throw missing("identityToken");
		}
		JWTClaimsSet claims = verifiedClaims(credential.identityToken(), credential.nonce());
		String clientId = claims.getAudience().stream().filter(this.settings.clientIds()::contains).findFirst().get();
		String refresh = (credential.authorizationCode() != null && this.settings.canExchange())
				? exchange(credential.authorizationCode(), clientId) : null;
		return new SocialProfile(PROVIDER, claims.getSubject(), null, credential.nickname(), null,
				verifiedEmail(claims), (refresh != null) ? clientId + "\n" + refresh : null);
	}

	/**
	 * Revokes a refresh token kept as {@code clientId\nrefreshToken}.
	 * @throws UpstreamFailed when Apple fails or is not reached in time
	 */
	void revoke(String kept) {
		int newline = kept.indexOf('\n');
		String clientId = kept.substring(0, newline);
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("client_id", clientId);
		form.add("client_secret", clientSecret(clientId));
		form.add("token", kept.substring(newline + 1));
		form.add("token_type_hint", "refresh_token");
		postForm(url(this.settings.baseUrl(), "/auth/revoke", Map.of()), form);
	}

	boolean canRevoke() {
		return this.settings.canExchange();
	}

	private JWTClaimsSet verifiedClaims(String token, String nonce) {
		try {
			SignedJWT jwt = SignedJWT.parse(token);
			if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) || jwt.getHeader().getKeyID() == null) {
				throw rejected();
			}
			RSAKey key = key(jwt.getHeader().getKeyID());
			if (key == null || !jwt.verify(new RSASSAVerifier(key))) {
				throw rejected();
			}
			JWTClaimsSet claims = jwt.getJWTClaimsSet();
			Instant now = this.clock.instant();
			boolean ours = this.settings.baseUrl().equals(claims.getIssuer()) && claims.getAudience() != null
					&& claims.getAudience().stream().anyMatch(this.settings.clientIds()::contains)
					&& claims.getSubject() != null && !claims.getSubject().isBlank()
					&& claims.getExpirationTime() != null
					&& now.minus(SKEW).isBefore(claims.getExpirationTime().toInstant())
					&& (claims.getIssueTime() == null || claims.getIssueTime().toInstant().isBefore(now.plus(SKEW)));
			if (!ours || (nonce != null
					&& !Digests.constantTimeEquals(Digests.sha256Hex(nonce.getBytes(StandardCharsets.UTF_8)),
							claims.getStringClaim("nonce")))) {
				throw rejected();
			}
			return claims;
		}
		catch (ParseException | JOSEException ex) {
			throw rejected();
		}
	}

	/** Apple's key of this id: from the cache, else from Apple once a minute at most. */
	private RSAKey key(String kid) {
		JWK key = this.keys.getKeyByKeyId(kid);
		if (key == null) {
			synchronized (this) {
				key = this.keys.getKeyByKeyId(kid);
				Instant now = this.clock.instant();
				if (key == null && now.isAfter(this.fetchedAt.plus(REFETCH_AT_MOST_EVERY))) {
					this.fetchedAt = now;
					this.keys = fetchKeys();
					key = this.keys.getKeyByKeyId(kid);
				}
			}
		}
		return (key instanceof RSAKey rsa) ? rsa : null;
	}

	private JWKSet fetchKeys() {
		JsonNode answer = get(url(this.settings.baseUrl(), "/auth/keys", Map.of()));
		try {
			return JWKSet.parse(answer.toString());
		}
		catch (ParseException ex) {
			LoggerFactory.getLogger(AppleClient.class).warn("Apple's keys could not be read");
			throw new UpstreamFailed();
		}
	}

	private String exchange(String code, String clientId) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("client_id", clientId);
		form.add("client_secret", clientSecret(clientId));
		form.add("code", code);
		form.add("grant_type", "authorization_code");
		JsonNode tokens = postForm(url(this.settings.baseUrl(), "/auth/token", Map.of()), form);
		String refresh = text(tokens, "refresh_token");
		if (refresh == null) {
			throw rejected();
		}
		return refresh;
	}

	/**
	 * The client secret Apple asks for: an ES256 JWT from the team's key, good for five
	 * minutes ({@code iss} team id, {@code sub} the bundle id, {@code aud} Apple).
	 */
	String clientSecret(String clientId) {
		Instant now = this.clock.instant();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(this.settings.teamId())
			.subject(clientId)
			.audience(this.settings.baseUrl())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
			.jwtID(UUID.randomUUID().toString())
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(this.settings.keyId()).build(),
				claims);
		try {
			jwt.sign(new ECDSASigner(privateKey()));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot sign Apple's client secret", ex);
		}
	}

	private ECPrivateKey privateKey() {
		String pem = this.settings.privateKey()
			.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
			.replaceAll("\\s", "");
		try {
			return (ECPrivateKey) KeyFactory.getInstance("EC")
				.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
		}
		catch (java.security.GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalStateException("usercenter.social.apple.private-key is not a PKCS#8 EC key", ex);
		}
	}

	private static String verifiedEmail(JWTClaimsSet claims) {
		Object verified = claims.getClaim("email_verified");
		boolean yes = Boolean.TRUE.equals(verified) || "true".equals(verified);
		try {
			return yes ? claims.getStringClaim("email") : null;
		}
		catch (ParseException ex) {
			return null;
		}
	}

}
