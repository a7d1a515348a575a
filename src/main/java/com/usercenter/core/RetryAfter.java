package com.usercenter.core;

/**
 * The {@code data} of 42300 and 42900 answers; also sent as the {@code Retry-After}
 * header.
 *
 * @param retryAfter seconds until the caller may try again
 */
public record RetryAfter(long retryAfter) {

}
