package com.usercenter.verification;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import com.usercenter.changes.BatchedDeletes;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The rows behind codes and tickets. Each method is one statement, so its effect is
 * atomic; the caller's transaction decides what stays.
 */
@Component
class CodeStore {

	private final JdbcClient jdbc;

	private final BatchedDeletes deletes;

	CodeStore(JdbcClient jdbc, BatchedDeletes deletes) {
		this.deletes = deletes;
		this.jdbc = jdbc;
	}

	/** Replaces the live code of a target and purpose: one live code per pair. */
	void replaceCode(String target, String purpose, String codeHash, Instant now, Instant expiresAt) {
		this.jdbc.sql("""
				insert into verification_code (target, purpose, code_hash, attempts, sent_at, expires_at, consumed_at)
				values (:target, :purpose, :hash, 0, :now, :expires, null)
				on conflict (target, purpose) do update set code_hash = excluded.code_hash, attempts = 0,
				  sent_at = excluded.sent_at, expires_at = excluded.expires_at, consumed_at = null""")
			.param("target", target)
			.param("purpose", purpose)
			.param("hash", codeHash)
			.param("now", Timestamp.from(now))
			.param("expires", Timestamp.from(expiresAt))
			.update();
	}

	/**
	 * The live code, locked until the transaction ends, so parallel guesses are counted
	 * one by one.
	 */
	Optional<LiveCode> lockCode(String target, String purpose) {
		return this.jdbc.sql("""
				select code_hash, attempts, expires_at, consumed_at from verification_code
				where target = :target and purpose = :purpose for update""")
			.param("target", target)
			.param("purpose", purpose)
			.query((rs, row) -> new LiveCode(rs.getString(1), rs.getInt(2), rs.getTimestamp(3).toInstant(),
					rs.getTimestamp(4) != null))
			.optional();
	}

	void countWrongAttempt(String target, String purpose) {
		this.jdbc
			.sql("update verification_code set attempts = attempts + 1 where target = :target and purpose = :purpose")
			.param("target", target)
			.param("purpose", purpose)
			.update();
	}

	void markConsumed(String target, String purpose, Instant now) {
		this.jdbc.sql("update verification_code set consumed_at = :now where target = :target and purpose = :purpose")
			.param("target", target)
			.param("purpose", purpose)
			.param("now", Timestamp.from(now))
			.update();
	}

	void saveTicket(String ticketHash, String target, String purpose, Instant expiresAt) {
		this.jdbc.sql("""
				insert into verification_ticket (ticket_hash, target, purpose, expires_at)
				values (:hash, :target, :purpose, :expires)""")
			.param("hash", ticketHash)
			.param("target", target)
			.param("purpose", purpose)
			.param("expires", Timestamp.from(expiresAt))
			.update();
	}

	/**
	 * Uses a ticket up; false when it is unknown, used, expired, or for another target or
	 * purpose.
	 */
	boolean useTicket(String ticketHash, String target, String purpose, Instant now) {
		return this.jdbc.sql("""
				update verification_ticket set used_at = :now
				where ticket_hash = :hash and target = :target and purpose = :purpose
				  and used_at is null and expires_at > :now""")
			.param("hash", ticketHash)
			.param("target", target)
			.param("purpose", purpose)
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

	boolean ticketFits(String ticketHash, String target, String purpose, Instant now) {
		return this.jdbc.sql("""
				select count(*) from verification_ticket where ticket_hash = :hash and target = :target
				  and purpose = :purpose and used_at is null and expires_at > :now""")
			.param("hash", ticketHash)
			.param("target", target)
			.param("purpose", purpose)
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.single() > 0;
	}

	int deleteOld(Instant now) {
		Map<String, Timestamp> dayAgo = Map.of("before", Timestamp.from(now.minus(Duration.ofDays(1))));
		return this.deletes.delete("verification_code", "expires_at < :before", dayAgo)
				+ this.deletes.delete("verification_ticket", "expires_at < :before", dayAgo);
	}

	record LiveCode(String codeHash, int attempts, Instant expiresAt, boolean consumed) {
	}

}
