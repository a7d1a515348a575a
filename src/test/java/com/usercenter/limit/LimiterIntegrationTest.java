package com.usercenter.limit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.usercenter.support.IntegrationTest;
import com.usercenter.support.TestClock;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The limiter against the real database: atomic under concurrency, windows, refunds. */
@IntegrationTest
class LimiterIntegrationTest {

	@Autowired
	private Limiter limiter;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void ofFiftyHitsAtOnceExactlyTheLimitPass() throws Exception {
		Limit limit = Limit.of("test-burst", 5, Duration.ofMinutes(1));
		String key = "burst-" + System.nanoTime();
		List<Callable<Hit>> hits = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			hits.add(() -> this.limiter.hit(limit, key));
		}

		ExecutorService pool = Executors.newFixedThreadPool(16);
		long allowed = 0;
		try {
			for (Future<Hit> hit : pool.invokeAll(hits)) {
				allowed += hit.get().allowed() ? 1 : 0;
			}
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(allowed).isEqualTo(5);
		assertThat(this.limiter.peek(limit, key).hits()).isEqualTo(50);
	}

	@Test
	void aWindowStartsWithItsFirstHitAndEnds() {
		Limit limit = Limit.of("test-window", 1, Duration.ofSeconds(60));
		String key = "window-" + System.nanoTime();
		this.limiter.take(limit, key);

		assertThatThrownBy(() -> this.limiter.take(limit, key)).hasMessage("TOO_MANY_REQUESTS");
		assertThat(this.limiter.hit(limit, key).retryAfter()).isBetween(58L, 60L);
		TestClock.advance(Duration.ofSeconds(61));
		assertThat(this.limiter.take(limit, key).hits()).isEqualTo(1);
	}

	@Test
	void aRefundGivesOneHitBackAndAResetAll() {
		Limit limit = Limit.of("test-refund", 2, Duration.ofMinutes(1));
		String key = "refund-" + System.nanoTime();
		this.limiter.hit(limit, key);
		this.limiter.hit(limit, key);

		this.limiter.refund(limit, key);
		assertThat(this.limiter.hit(limit, key).allowed()).isTrue();
		this.limiter.reset(limit, key);

		assertThat(this.limiter.peek(limit, key).hits()).isZero();
	}

	@Test
	void anUnknownClientIsCountedNotWaved() {
		Limit limit = Limit.of("test-unknown", 1, Duration.ofMinutes(1));
		this.limiter.hit(limit, null);

		assertThat(this.limiter.hit(limit, null).allowed()).isFalse();
	}

	@Test
	void theCleanupDeletesAPileLargerThanOneBatchAndKeepsWhatIsCurrent() {
		String tag = "pile-" + System.nanoTime();
		this.jdbc.sql("""
				insert into rate_limit (name, key, window_start, hits)
				select :name, 'k' || n, :old, 1 from generate_series(1, 25000) n""")
			.param("name", tag)
			.param("old", java.sql.Timestamp.from(TestClock.now().minus(Duration.ofDays(30))))
			.update();
		Limit current = Limit.of(tag, 5, Duration.ofMinutes(1));
		this.limiter.hit(current, "current");

		int deleted = this.limiter.deleteEndedBefore(TestClock.now().minus(Duration.ofDays(2)));

		assertThat(deleted).as("in batches of 10,000, each under the statement limit").isGreaterThanOrEqualTo(25_000);
		assertThat(
				this.jdbc.sql("select count(*) from rate_limit where name = ?").param(tag).query(Long.class).single())
			.as("only the current window is left")
			.isEqualTo(1);
	}

}
