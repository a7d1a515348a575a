package com.usercenter.account;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Five wrong passwords for one account within 15 minutes lock password sign-in for 15
 * minutes. Counted in the database with one atomic statement, so every instance and every
 * concurrent attempt agrees.
 */
@Component
class PasswordLockout {

	static final int MAX_FAILURES = 5;

	static final Duration WINDOW = Duration.ofMinutes(15);

	static final Duration LOCK = Duration.ofMinutes(15);

	private final JdbcClient jdbc;

	private final Clock clock;

	PasswordLockout(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Seconds until the lock ends, when the account is locked now. */
	Optional<Long> lockedFor(long userId) {
		Instant now = this.clock.instant();
		return this.jdbc.sql("select locked_until from password_failure where user_id = :id and locked_until > :now")
			.param("id", userId)
			.param("now", Timestamp.from(now))
			.query((rs, row) -> Math.max(1, Duration.between(now, rs.getTimestamp(1).toInstant()).toSeconds()))
			.optional();
	}

	void recordFailure(long userId) {
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				insert into password_failure (user_id, window_start, failures, locked_until)
				values (:id, :now, 1, null)
				on conflict (user_id) do update set
				  failures = case when password_failure.window_start <= :expired then 1
				                  else password_failure.failures + 1 end,
				  window_start = case when password_failure.window_start <= :expired then :now
				                      else password_failure.window_start end,
				  locked_until = case when password_failure.window_start > :expired
				                       and password_failure.failures + 1 >= :max then :lockUntil
				                      else password_failure.locked_until end""")
			.param("id", userId)
			.param("now", Timestamp.from(now))
			.param("expired", Timestamp.from(now.minus(WINDOW)))
			.param("max", MAX_FAILURES)
			.param("lockUntil", Timestamp.from(now.plus(LOCK)))
			.update();
	}

	void clear(long userId) {
		this.jdbc.sql("delete from password_failure where user_id = :id").param("id", userId).update();
	}

}
