package com.usercenter.limit;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HitUnitTest {

	private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

	@Test
	void retryAfterRoundsUpAndIsNeverZero() {
		assertThat(new Hit(2, 1, NOW.plusMillis(1), NOW).retryAfter()).isEqualTo(1);
		assertThat(new Hit(2, 1, NOW.plusMillis(59_001), NOW).retryAfter()).isEqualTo(60);
		assertThat(new Hit(2, 1, NOW.minusSeconds(5), NOW).retryAfter()).isEqualTo(1);
	}

	@Test
	void aHitWithinTheLimitIsAllowed() {
		assertThat(new Hit(5, 5, NOW, NOW).allowed()).isTrue();
		assertThat(new Hit(6, 5, NOW, NOW).allowed()).isFalse();
	}

	@Test
	void limitsAreNamedAndBounded() {
		assertThatThrownBy(() -> Limit.of("", 1, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> Limit.of("x".repeat(33), 1, Duration.ofSeconds(1)))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> Limit.of("x", 1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
	}

}
