package com.usercenter.token;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.usercenter.core.CurrentUser;
import com.usercenter.secrets.Digests;

import org.springframework.stereotype.Component;

/**
 * Signs access tokens (ES256 JWT) with the claims {@link CurrentUser} reads; the resource
 * server verifies them ({@link SessionBoundJwtDecoder}).
 */
@Component
class AccessTokens {

	private final TokenSettings settings;

	private final JWSSigner signer;

	private final String keyId;

	private final TokenIssuer issuer;

	AccessTokens(TokenSettings settings, SigningKeys keys, TokenIssuer issuer) throws JOSEException {
		this.settings = settings;
		this.issuer = issuer;
		this.signer = new ECDSASigner(keys.signingKey());
		this.keyId = keys.signingKey().getKeyID();
	}

	String issue(UUID sessionId, long userId, Set<String> roles, String tenantKey, List<String> amr, Instant now) {
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(this.issuer.issuer())
			.audience(this.settings.audience())
			.subject(Long.toString(userId))
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(this.settings.accessTokenTtl())))
			.jwtID(Digests.randomToken(12))
			.claim(CurrentUser.SESSION_CLAIM, sessionId.toString())
			.claim(CurrentUser.ROLES_CLAIM, List.copyOf(roles));
		if (!amr.isEmpty()) {
			claims.claim(CurrentUser.AMR_CLAIM, List.copyOf(amr));
		}
		if (tenantKey != null) {
			claims.claim(CurrentUser.TENANT_CLAIM, tenantKey);
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

}
