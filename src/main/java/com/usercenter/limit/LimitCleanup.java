package com.usercenter.limit;

import java.time.Clock;
import java.time.Duration;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes counters whose window ended long ago. No limit's window is longer than a day,
 * so a row older than two days counts for nothing.
 */
@Component
class LimitCleanup {

	private final Limiter limiter;

	private final Clock clock;

	LimitCleanup(Limiter limiter, Clock clock) {
		this.limiter = limiter;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
	void deleteEnded() {
		this.limiter.deleteEndedBefore(this.clock.instant().minus(Duration.ofDays(2)));
	}

}
