package com.usercenter.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The service's clock in tests: real time plus an offset the tests move forward, so a
 * test that needs a window or a lifetime to pass says so ({@code TestClock.advance(...)})
 * instead of moving rows back in time. Time only moves forward, so other tests' tokens
 * and codes age as they would in a long run.
 */
public final class TestClock extends Clock {

	private static final AtomicReference<Duration> OFFSET = new AtomicReference<>(Duration.ZERO);

	private final ZoneId zone;

	public TestClock(ZoneId zone) {
		this.zone = zone;
	}

	/** Moves the service's time forward. */
	public static void advance(Duration duration) {
		if (duration.isNegative()) {
			throw new IllegalArgumentException("time only moves forward");
		}
		OFFSET.accumulateAndGet(duration, Duration::plus);
	}

	/**
	 * Moves the service's time back, as a host's clock corrected by NTP: only for the
	 * test of that fault, which moves it forward again when it is done.
	 */
	public static void stepBack(Duration duration) {
		OFFSET.accumulateAndGet(duration, Duration::minus);
	}

	/** The service's time now. */
	public static Instant now() {
		return Instant.now().plus(OFFSET.get());
	}

	@Override
	public ZoneId getZone() {
		return this.zone;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return new TestClock(zone);
	}

	@Override
	public Instant instant() {
		return now();
	}

	/**
	 * Makes it the service's clock; every test context imports it, so tests sign and age
	 * with the time the service has.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Config {

		@Bean
		@Primary
		Clock testClock(@Value("${usercenter.zone:Asia/Shanghai}") ZoneId zone) {
			return new TestClock(zone);
		}

	}

}
