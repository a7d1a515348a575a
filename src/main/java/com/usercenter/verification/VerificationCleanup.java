package com.usercenter.verification;

import java.time.Clock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes captchas, codes, tickets and counters once they can no longer matter. */
@Component
class VerificationCleanup {

	private final CodeStore store;

	private final CaptchaService captchas;

	private final Clock clock;

	VerificationCleanup(CodeStore store, CaptchaService captchas, Clock clock) {
		this.store = store;
		this.captchas = captchas;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT2M")
	public void deleteOld() {
		this.captchas.deleteExpired(this.clock.instant());
		this.store.deleteOld(this.clock.instant());
	}

}
