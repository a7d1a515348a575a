package com.usercenter.mfa;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.usercenter.changes.BatchedDeletes;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The rows behind second factors. Each method is one statement, so what it decides (a
 * step accepted, a recovery code used, a challenge claimed) is decided once across every
 * instance and concurrent request.
 */
@Component
class SecondFactorStore {

	private final JdbcClient jdbc;

	private final BatchedDeletes deletes;

	SecondFactorStore(JdbcClient jdbc, BatchedDeletes deletes) {
		this.jdbc = jdbc;
		this.deletes = deletes;
	}

	/**
	 * Starts (or restarts) an enrolment: a new secret, not in force. Refused (false)
	 * while a confirmed secret is in force: it is removed with a code first.
	 */
	boolean saveDraft(long userId, byte[] sealedSecret, Instant now) {
		return this.jdbc.sql("""
				insert into mfa_totp (user_id, secret_sealed, created_at, confirmed_at, last_step)
				values (:user, :secret, :now, null, 0)
				on conflict (user_id) do update set secret_sealed = excluded.secret_sealed,
				  created_at = excluded.created_at, confirmed_at = null, last_step = 0
				where mfa_totp.confirmed_at is null""")
			.param("user", userId)
			.param("secret", sealedSecret)
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

	Optional<TotpRow> totp(long userId) {
		return this.jdbc.sql("select secret_sealed, confirmed_at is not null from mfa_totp where user_id = :user")
			.param("user", userId)
			.query((rs, row) -> new TotpRow(rs.getBytes(1), rs.getBoolean(2)))
			.optional();
	}

	boolean totpInForce(long userId) {
		return this.jdbc.sql("select count(*) from mfa_totp where user_id = :user and confirmed_at is not null")
			.param("user", userId)
			.query(Integer.class)
			.single() > 0;
	}

	/**
	 * Accepts a code of this step if no code of this step or a later one was accepted
	 * before: the one statement that makes a code good once.
	 */
	boolean acceptStep(long userId, long step) {
		return this.jdbc.sql("""
				update mfa_totp set last_step = :step
				where user_id = :user and confirmed_at is not null and last_step < :step""")
			.param("user", userId)
			.param("step", step)
			.update() == 1;
	}

	/**
	 * Puts an enrolment in force with its first code, only if the secret the code was
	 * checked against is still the draft: an enrolment restarted meanwhile is not put in
	 * force by a code of the one it replaced.
	 */
	boolean confirm(long userId, byte[] sealedSecret, long step, Instant now) {
		return this.jdbc.sql("""
				update mfa_totp set confirmed_at = :now, last_step = :step
				where user_id = :user and confirmed_at is null and last_step < :step and secret_sealed = :secret""")
			.param("user", userId)
			.param("secret", sealedSecret)
			.param("step", step)
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

	/** Removes the secret and the recovery codes. */
	boolean deleteTotp(long userId) {
		this.jdbc.sql("delete from mfa_recovery_code where user_id = :user").param("user", userId).update();
		return this.jdbc.sql("delete from mfa_totp where user_id = :user").param("user", userId).update() == 1;
	}

	void replaceRecoveryCodes(long userId, List<String> hashes) {
		this.jdbc.sql("delete from mfa_recovery_code where user_id = :user").param("user", userId).update();
		this.jdbc.sql("""
				insert into mfa_recovery_code (user_id, code_hash)
				select :user, unnest(cast(:hashes as varchar[]))""")
			.param("user", userId)
			.param("hashes", hashes.toArray(String[]::new))
			.update();
	}

	/** Uses a recovery code: true for exactly one caller, however many present it. */
	boolean useRecoveryCode(long userId, String hash, Instant now) {
		return this.jdbc.sql("""
				update mfa_recovery_code set used_at = :now
				where user_id = :user and code_hash = :hash and used_at is null""")
			.param("user", userId)
			.param("hash", hash)
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

	int recoveryCodesLeft(long userId) {
		return this.jdbc.sql("select count(*) from mfa_recovery_code where user_id = :user and used_at is null")
			.param("user", userId)
			.query(Integer.class)
			.single();
	}

	void saveChallenge(String tokenHash, long userId, String channel, boolean created, List<String> amr,
			Instant expiresAt) {
		this.jdbc.sql("""
				insert into mfa_challenge (token_hash, user_id, channel, created, amr, expires_at)
				values (:hash, :user, :channel, :created, cast(:amr as text[]), :expires)""")
			.param("hash", tokenHash)
			.param("user", userId)
			.param("channel", channel)
			.param("created", created)
			.param("amr", amr.toArray(String[]::new))
			.param("expires", Timestamp.from(expiresAt))
			.update();
	}

	/** A challenge that is neither used nor expired. */
	Optional<Challenge> liveChallenge(String tokenHash, Instant now) {
		return this.jdbc.sql("""
				select user_id, channel, created, amr from mfa_challenge
				where token_hash = :hash and used_at is null and expires_at > :now""")
			.param("hash", tokenHash)
			.param("now", Timestamp.from(now))
			.query((rs, row) -> new Challenge(rs.getLong(1), rs.getString(2), rs.getBoolean(3),
					strings(rs.getArray(4))))
			.optional();
	}

	/** Marks a live challenge used: true for exactly one caller. */
	boolean claimChallenge(String tokenHash, Instant now) {
		return this.jdbc.sql("""
				update mfa_challenge set used_at = :now
				where token_hash = :hash and used_at is null and expires_at > :now""")
			.param("hash", tokenHash)
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

	/** Everything second factors keep about an account (erasure). */
	void deleteAll(long userId) {
		this.jdbc.sql("delete from mfa_challenge where user_id = :user").param("user", userId).update();
		deleteTotp(userId);
	}

	/** Challenges a day past their end. Safe on every instance at once. */
	void deleteExpiredChallenges(Instant before) {
		this.deletes.delete("mfa_challenge", "expires_at < :before", Map.of("before", Timestamp.from(before)));
	}

	private static List<String> strings(Array array) throws SQLException {
		return Arrays.asList((String[]) array.getArray());
	}

	/** A TOTP secret as stored: sealed, and whether it is in force. */
	record TotpRow(byte[] sealedSecret, boolean confirmed) {
	}

	/**
	 * What the first step of a sign-in proved.
	 *
	 * @param userId the account
	 * @param channel how it signed in
	 * @param created whether the first step created the account
	 * @param amr the methods of the first step (RFC 8176)
	 */
	record Challenge(long userId, String channel, boolean created, List<String> amr) {
	}

}
