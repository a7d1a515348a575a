package com.usercenter.core;

/**
 * Error {@code data} that tells the caller when to try again; the envelope writer also
 * sends it as the {@code Retry-After} header.
 */
public interface RetryAfter extends ErrorData {

	/** Seconds until the caller may try again, at least 1. */
	long retryAfter();

	/** The {@code data} of a 42900 answer: {@code {"retryAfter": seconds}}. */
	static RetryAfter seconds(long seconds) {
		return new Wait(Math.max(1, seconds));
	}

	/** {@code {"retryAfter": seconds}}. */
	record Wait(long retryAfter) implements RetryAfter {
	}

}
