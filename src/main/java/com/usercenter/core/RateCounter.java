package com.usercenter.core;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts requests per action and client in fixed windows, in the database, so every
 * instance sees the same count. One atomic statement per hit: no lost updates under
 * concurrency.
 */
@Component
public class RateCounter {

	private final JdbcClient jdbc;

	private final Clock clock;

	RateCounter(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Counts one more hit.
	 * @return the hits in the current window, this one included, and when the window ends
	 */
	@Transactional
	public Window hit(String action, String client, Duration window) {
		Instant now = this.clock.instant();
		return this.jdbc.sql("""
				insert into request_counter (action, client, window_start, hits) values (:action, :client, :now, 1)
				on conflict (action, client) do update set
				  hits = case when request_counter.window_start <= :expired then 1 else request_counter.hits + 1 end,
				  window_start = case when request_counter.window_start <= :expired then :now
				                      else request_counter.window_start end
				returning hits, window_start""")
			.param("action", action)
			.param("client", (client != null) ? client : "unknown")
			.param("now", Timestamp.from(now))
			.param("expired", Timestamp.from(now.minus(window)))
			.query((rs, row) -> new Window(rs.getInt("hits"), rs.getTimestamp("window_start").toInstant().plus(window)))
			.single();
	}

	/** Hits so far in a window, and its end. */
	public record Window(int hits, Instant endsAt) {

		public long secondsLeft(Instant now) {
			return Math.max(1, Duration.between(now, this.endsAt).toSeconds());
		}

	}

}
