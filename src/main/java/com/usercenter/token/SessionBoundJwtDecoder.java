package com.usercenter.token;

import java.time.Clock;
import java.util.UUID;

import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.ExpiredOrRevokedToken;

import org.springframework.dao.DataAccessException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * The resource server's decoder: a token is good when this service signed it, its time is
 * not over, and its session is live now: from memory while the channel of ended sessions
 * is up ({@link LiveSessions}), else from the database, so a revocation holds within a
 * second on every instance.
 */
@Component
class SessionBoundJwtDecoder implements JwtDecoder {

	private final AccessTokens tokens;

	private final SessionService sessions;

	private final Clock clock;

	SessionBoundJwtDecoder(AccessTokens tokens, SessionService sessions, Clock clock) {
		this.tokens = tokens;
		this.sessions = sessions;
		this.clock = clock;
	}

	@Override
	public Jwt decode(String token) {
		Jwt jwt = this.tokens.verify(token);
		if (!this.clock.instant().isBefore(jwt.getExpiresAt())) {
			throw new ExpiredOrRevokedToken();
		}
		boolean live;
		try {
			live = this.sessions.isLive(UUID.fromString(jwt.getClaimAsString(AccessTokens.SESSION_CLAIM)),
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

}
