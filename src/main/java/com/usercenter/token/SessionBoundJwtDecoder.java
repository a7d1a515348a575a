package com.usercenter.token;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.usercenter.core.ApiException;
import com.usercenter.core.CurrentUser;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.ExpiredOrRevokedToken;

import org.springframework.dao.DataAccessException;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * The resource server's decoder: a token is good when this service signed it (Spring
 * Security's {@link NimbusJwtDecoder}: ES256 with the signing key, issuer, audience, and
 * the claims {@link CurrentUser} reads), its time is not over, and its session is live
 * now: from memory while the channel of ended sessions is up ({@link LiveSessions}), else
 * from the database, so a revocation holds within a second on every instance. Time and
 * session are checked here on every request, with the service's clock, so that either
 * failure answers 40101 ({@link ExpiredOrRevokedToken}) and every other 40100.
 * <p>
 * What does not change with time (the signature and the claims) is checked once per token
 * and kept ({@link #verified}), since one ES256 check costs several times the CPU of a
 * whole {@code GET /users/me} served from memory (issue 23, item 5). Measured on
 * 2026-12-03 on the bench machine (2 vCPUs AMD EPYC, 23 GiB, JDK 25.0.3, PostgreSQL
 * 15.20, other builds running beside it): one check 0.43-0.56 ms of thread CPU, the same
 * within 5% for this decoder and for Nimbus called directly; {@code bench/run.sh --users
 * 10000 --no-peer --duration 20 --only 'GET /users/me'}, three runs each, alternating:
 * with this cache 1,500, 1,565 and 1,008 requests/s at 0.441, 0.416 and 0.546 ms of JVM
 * CPU a request; checking every request (and the library's bearer token resolver and
 * firewall) 149, 190 and 81 requests/s at 2.448, 2.239 and 3.195 ms.
 */
@Component
class SessionBoundJwtDecoder implements JwtDecoder {

	private final NimbusJwtDecoder signed;

	/** Tokens whose signature and claims were checked, by token. */
	private final Cache<String, Jwt> verified = Caffeine.newBuilder()
		.maximumSize(10_000)
		.expireAfterAccess(Duration.ofMinutes(10))
		.build();

	private final SessionService sessions;

	private final Clock clock;

	SessionBoundJwtDecoder(SigningKeys keys, TokenIssuer issuer, TokenSettings settings, SessionService sessions,
			Clock clock) {
		this.signed = NimbusJwtDecoder.withJwkSource(new ImmutableJWKSet<>(keys.publicKeys()))
			.jwsAlgorithm(SignatureAlgorithm.ES256)
			.build();
		this.signed.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
				new JwtClaimValidator<Object>(JwtClaimNames.ISS,
						(iss) -> iss != null && issuer.issuer().equals(iss.toString())),
				new JwtAudienceValidator(settings.audience()),
				new JwtClaimValidator<Object>(JwtClaimNames.SUB, parses(Long::parseLong)),
				new JwtClaimValidator<Object>(CurrentUser.SESSION_CLAIM, parses(UUID::fromString)),
				new JwtClaimValidator<Object>(JwtClaimNames.EXP, Objects::nonNull),
				new JwtClaimValidator<Object>(JwtClaimNames.IAT, Objects::nonNull)));
		this.sessions = sessions;
		this.clock = clock;
	}

	@Override
	public Jwt decode(String token) {
		Jwt jwt = this.verified.get(token, this::verify);
		if (!this.clock.instant().isBefore(jwt.getExpiresAt())) {
			throw new ExpiredOrRevokedToken();
		}
		boolean live;
		try {
			live = this.sessions.isLive(UUID.fromString(jwt.getClaimAsString(CurrentUser.SESSION_CLAIM)),
					Long.parseLong(jwt.getSubject()));
		}
		catch (DataAccessException | TransactionException ex) {
			// the database is down: say so (50300) rather than calling the token bad
			throw new ApiException(ErrorCode.UNAVAILABLE);
		}
		if (!live) {
			throw new ExpiredOrRevokedToken();
		}
		return jwt;
	}

	private Jwt verify(String token) {
		try {
			return this.signed.decode(token);
		}
		catch (BadJwtException ex) {
			throw ex;
		}
		catch (JwtException ex) {
			// the key is local, so no failure here is the service's: the token is bad
			// (40100)
			throw new BadJwtException(ex.getMessage(), ex);
		}
	}

	/** A string claim that {@code parser} reads without failing. */
	private static Predicate<Object> parses(Function<String, ?> parser) {
		return (value) -> {
			if (!(value instanceof String text)) {
				return false;
			}
			try {
				parser.apply(text);
				return true;
			}
			catch (IllegalArgumentException ex) {
				return false;
			}
		};
	}

}
