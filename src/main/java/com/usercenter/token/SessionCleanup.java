package com.usercenter.token;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import com.usercenter.changes.BatchedDeletes;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes refresh tokens and sessions a day after they expired. Safe to run on every
 * instance at once.
 */
@Component
class SessionCleanup {

	private final BatchedDeletes deletes;

	private final Clock clock;

	SessionCleanup(BatchedDeletes deletes, Clock clock) {
		this.deletes = deletes;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
	public void deleteExpired() {
		Map<String, Timestamp> before = Map.of("before",
				Timestamp.from(this.clock.instant().minus(Duration.ofDays(1))));
		this.deletes.delete("refresh_token", "expires_at < :before", before);
		this.deletes.delete("user_session", "expires_at < :before", before);
	}

}
