package com.usercenter.token;

import java.time.Clock;
import java.time.Duration;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deletes refresh tokens and sessions a day after they expired. Safe to run on every
 * instance at once.
 */
@Component
class SessionCleanup {

	private final SessionRepository sessions;

	private final RefreshTokenRepository refreshTokens;

	private final Clock clock;

	SessionCleanup(SessionRepository sessions, RefreshTokenRepository refreshTokens, Clock clock) {
		this.sessions = sessions;
		this.refreshTokens = refreshTokens;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
	@Transactional
	public void deleteExpired() {
		var before = this.clock.instant().minus(Duration.ofDays(1));
		this.refreshTokens.deleteExpiredBefore(before);
		this.sessions.deleteExpiredBefore(before);
	}

}
