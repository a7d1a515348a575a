package com.usercenter.passkey;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import com.usercenter.changes.BatchedDeletes;
import com.usercenter.secrets.Digests;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Ceremony challenges, in PostgreSQL so that any instance finishes what another started.
 * Each is found by a hash (of the challenge itself for a registration, which the client
 * data carries back; of the {@code challengeId} for a sign-in) and used up by one
 * {@code delete ... returning}: of two finishes of one ceremony, one gets it.
 */
@Component
class Challenges {

	private final JdbcClient jdbc;

	private final BatchedDeletes deletes;

	Challenges(JdbcClient jdbc, BatchedDeletes deletes) {
		this.jdbc = jdbc;
		this.deletes = deletes;
	}

	void saveRegistration(long userId, byte[] challenge, Instant expiresAt) {
		insert(registrationKey(challenge), "register", userId, false, challenge, expiresAt);
	}

	/**
	 * Uses up the account's registration challenge; false when unknown, used or expired.
	 */
	boolean useRegistration(long userId, byte[] challenge, Instant now) {
		return this.jdbc.sql("""
				delete from passkey_challenge
				where id_hash = :key and purpose = 'register' and user_id = :user and expires_at > :now""")
			.param("key", registrationKey(challenge))
			.param("user", userId)
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

	/**
	 * Stores a sign-in challenge.
	 * @param userId the account named in the options, or null
	 * @param named whether the options named an account (known or not)
	 * @return its {@code challengeId}
	 */
	String saveSignIn(byte[] challenge, Long userId, boolean named, Instant expiresAt) {
		String challengeId = Digests.randomToken(32);
		insert(signInKey(challengeId), "login", userId, named, challenge, expiresAt);
		return challengeId;
	}

	/** Uses up a sign-in challenge: empty when unknown, used or expired. */
	Optional<SignInChallenge> useSignIn(String challengeId, Instant now) {
		return this.jdbc.sql("""
				delete from passkey_challenge
				where id_hash = :key and purpose = 'login' and expires_at > :now
				returning challenge, user_id, named""")
			.param("key", signInKey(challengeId))
			.param("now", Timestamp.from(now))
			.query((rs, row) -> new SignInChallenge(rs.getBytes(1), (Long) rs.getObject(2), rs.getBoolean(3)))
			.optional();
	}

	int deleteExpired(Instant now) {
		return this.deletes.delete("passkey_challenge", "expires_at < :now", Map.of("now", Timestamp.from(now)));
	}

	void forget(long userId) {
		this.jdbc.sql("delete from passkey_challenge where user_id = :user").param("user", userId).update();
	}

	private void insert(byte[] key, String purpose, Long userId, boolean named, byte[] challenge, Instant expiresAt) {
		this.jdbc.sql("""
				insert into passkey_challenge (id_hash, purpose, user_id, named, challenge, expires_at)
				values (:key, :purpose, :user, :named, :challenge, :expires)""")
			.param("key", key)
			.param("purpose", purpose)
			.param("user", userId, java.sql.Types.BIGINT)
			.param("named", named)
			.param("challenge", challenge)
			.param("expires", Timestamp.from(expiresAt))
			.update();
	}

	private static byte[] registrationKey(byte[] challenge) {
		return Digests.sha256("register:" + Base64Url.encode(challenge));
	}

	private static byte[] signInKey(String challengeId) {
		return Digests.sha256(("login:" + challengeId).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A sign-in challenge used up.
	 *
	 * @param challenge the bytes the client data must carry
	 * @param userId the account the options named, or null
	 * @param named whether they named one (an unknown account leaves userId null)
	 */
	record SignInChallenge(byte[] challenge, Long userId, boolean named) {
	}

}
