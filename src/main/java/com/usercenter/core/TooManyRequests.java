package com.usercenter.core;

/** A rate limit was hit; the caller may try again after {@code retryAfter} seconds. */
public class TooManyRequests extends ApiException {

	public TooManyRequests(long retryAfterSeconds) {
		super(ErrorCode.TOO_MANY_REQUESTS, RetryAfter.seconds(retryAfterSeconds));
	}

}
