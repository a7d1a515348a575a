package com.usercenter.passkey;

import java.time.Clock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes ceremony challenges nobody finished once they expired. Safe to run on every
 * instance at once.
 */
@Component
class PasskeyCleanup {

	private final Challenges challenges;

	private final Clock clock;

	PasskeyCleanup(Challenges challenges, Clock clock) {
		this.challenges = challenges;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT2M")
	public void deleteExpired() {
		this.challenges.deleteExpired(this.clock.instant());
	}

}
