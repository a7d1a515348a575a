package com.usercenter.limit;

import java.time.Duration;
import java.time.Instant;

/**
 * Where a key stands in its window after a hit (or a look).
 *
 * @param hits hits counted in the current window, this one included
 * @param max hits the limit allows
 * @param endsAt when the current window ends
 * @param now when the hit was counted
 */
public record Hit(int hits, int max, Instant endsAt, Instant now) {

	/** Whether this hit is within the limit. */
	public boolean allowed() {
		return this.hits <= this.max;
	}

	/**
	 * Seconds until the window ends, rounded up, at least 1: what {@code Retry-After}
	 * says.
	 */
	public long retryAfter() {
		return retryAfter(this.now, this.endsAt);
	}

	static long retryAfter(Instant now, Instant until) {
		long millis = Duration.between(now, until).toMillis();
		return Math.max(1, (millis + 999) / 1000);
	}

}
