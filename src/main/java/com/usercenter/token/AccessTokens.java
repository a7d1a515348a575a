package com.usercenter.token;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.usercenter.secrets.Digests;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * Signs and verifies access tokens (ES256 JWT). A verified token is kept in a bounded
 * cache, so a client calling many times with one token pays for the signature check once;
 * the session is still checked on every request.
 */
@Component
class AccessTokens {

	static final String SESSION_CLAIM = "sid";

	static final String ROLES_CLAIM = "roles";

	/** How the session was signed in, RFC 8176 values (RFC 9068 section 2.2.1). */
	public static final String AMR_CLAIM = "amr";

	static final String TENANT_CLAIM = "tk";

	private final TokenSettings settings;

	private final JWSSigner signer;

	private final JWSVerifier verifier;

	private final String keyId;

	private final Cache<String, Jwt> verified = Caffeine.newBuilder()
		.maximumSize(10_000)
		.expireAfterAccess(Duration.ofMinutes(10))
		.build();

	private final TokenIssuer issuer;

	AccessTokens(TokenSettings settings, SigningKeys keys, TokenIssuer issuer) throws JOSEException {
		this.settings = settings;
		this.issuer = issuer;
		this.signer = new ECDSASigner(keys.signingKey());
		this.verifier = new ECDSAVerifier(keys.signingKey().toECPublicKey());
		this.keyId = keys.signingKey().getKeyID();
	}

	String issue(UUID sessionId, long userId, Set<String> roles, String tenantKey, List<String> amr, Instant now) {
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(this.issuer.issuer())
			.audience(this.settings.audience())
			.subject(Long.toString(userId))
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(this.settings.accessTokenTtl())))
			.jwtID(Digests.randomToken(12))
			.claim(SESSION_CLAIM, sessionId.toString())
			.claim(ROLES_CLAIM, List.copyOf(roles));
		if (!amr.isEmpty()) {
			claims.claim(AMR_CLAIM, List.copyOf(amr));
		}
		if (tenantKey != null) {
			claims.claim(TENANT_CLAIM, tenantKey);
		}
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(this.keyId).type(JOSEObjectType.JWT).build();
		SignedJWT jwt = new SignedJWT(header, claims.build());
		try {
			jwt.sign(this.signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot sign an access token", ex);
		}
		return jwt.serialize();
	}

	long ttlSeconds() {
		return this.settings.accessTokenTtl().toSeconds();
	}

	/**
	 * Checks the signature, algorithm, issuer and shape; not the time nor the session.
	 * @throws BadJwtException when the token is not one this service signed
	 */
	Jwt verify(String token) {
		Jwt known = this.verified.getIfPresent(token);
		if (known != null) {
			return known;
		}
		Jwt jwt = parseAndVerify(token);
		this.verified.put(token, jwt);
		return jwt;
	}

	private Jwt parseAndVerify(String token) {
		try {
			SignedJWT signed = SignedJWT.parse(token);
			if (!JWSAlgorithm.ES256.equals(signed.getHeader().getAlgorithm()) || !signed.verify(this.verifier)) {
				throw new BadJwtException("Invalid signature");
			}
			JWTClaimsSet claims = signed.getJWTClaimsSet();
			if (!this.issuer.issuer().equals(claims.getIssuer()) || claims.getAudience() == null
					|| !claims.getAudience().contains(this.settings.audience()) || claims.getSubject() == null
					|| claims.getExpirationTime() == null || claims.getIssueTime() == null
					|| claims.getStringClaim(SESSION_CLAIM) == null) {
				throw new BadJwtException("Missing claims");
			}
			UUID.fromString(claims.getStringClaim(SESSION_CLAIM));
			Long.parseLong(claims.getSubject());
			Map<String, Object> values = new java.util.HashMap<>(claims.getClaims());
			values.put("iat", claims.getIssueTime().toInstant());
			values.put("exp", claims.getExpirationTime().toInstant());
			return new Jwt(token, claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant(),
					signed.getHeader().toJSONObject(), values);
		}
		catch (ParseException | JOSEException | IllegalArgumentException ex) {
			throw new BadJwtException("Unreadable token", ex);
		}
	}

}
