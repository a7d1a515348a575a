package com.usercenter.passkey;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.usercenter.secrets.Digests;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rows behind passkeys: each account's user handle and its passkeys. Each method is
 * one statement unless it says otherwise.
 */
@Component
class PasskeyStore {

	/** Passkeys one account may hold. */
	static final int MAX_PER_ACCOUNT = 20;

	private final JdbcClient jdbc;

	PasskeyStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The account's user handle, made on first use: 32 random bytes, the same for all its
	 * passkeys.
	 */
	byte[] handleOf(long userId) {
		this.jdbc.sql("insert into passkey_user (user_id, handle) values (:user, :handle) on conflict do nothing")
			.param("user", userId)
			.param("handle", Digests.randomBytes(32))
			.update();
		return this.jdbc.sql("select handle from passkey_user where user_id = :user")
			.param("user", userId)
			.query(byte[].class)
			.single();
	}

	Optional<byte[]> existingHandle(long userId) {
		return this.jdbc.sql("select handle from passkey_user where user_id = :user")
			.param("user", userId)
			.query(byte[].class)
			.optional();
	}

	List<PasskeyView> list(long userId) {
		return this.jdbc.sql("""
				select id, name, created_at, last_used_at from passkey where user_id = :user
				order by created_at, id""").param("user", userId).query((rs, row) -> {
			Timestamp lastUsed = rs.getTimestamp(4);
			return new PasskeyView(rs.getObject(1, UUID.class).toString(), rs.getString(2),
					rs.getTimestamp(3).toInstant().toEpochMilli(),
					(lastUsed != null) ? lastUsed.toInstant().toEpochMilli() : null);
		}).list();
	}

	boolean any(long userId) {
		return this.jdbc.sql("select exists (select 1 from passkey where user_id = :user)")
			.param("user", userId)
			.query(Boolean.class)
			.single();
	}

	List<byte[]> credentialIds(long userId) {
		return this.jdbc.sql("select credential_id from passkey where user_id = :user order by created_at, id")
			.param("user", userId)
			.query(byte[].class)
			.list();
	}

	/**
	 * Adds a passkey unless the account holds {@link #MAX_PER_ACCOUNT} already or the
	 * credential is registered (to anyone): the account's handle row is locked while it
	 * counts, so parallel registrations take turns and cannot pass the limit together.
	 */
	@Transactional
	Added add(long userId, byte[] credentialId, byte[] credentialData, long signCount, boolean uvInitialized,
			boolean backupEligible, boolean backupState, String transports, String name, Instant now, UUID id) {
		this.jdbc.sql("select handle from passkey_user where user_id = :user for update")
			.param("user", userId)
			.query(byte[].class)
			.optional();
		long held = this.jdbc.sql("select count(*) from passkey where user_id = :user")
			.param("user", userId)
			.query(Long.class)
			.single();
		if (held >= MAX_PER_ACCOUNT) {
			return Added.FULL;
		}
		int inserted = this.jdbc.sql("""
				insert into passkey (id, user_id, credential_id, credential_data, sign_count, uv_initialized,
				  backup_eligible, backup_state, transports, name, created_at, last_used_at)
				values (:id, :user, :credentialId, :data, :count, :uv, :be, :bs, :transports, :name, :now, null)
				on conflict (credential_id) do nothing""")
			.param("id", id)
			.param("user", userId)
			.param("credentialId", credentialId)
			.param("data", credentialData)
			.param("count", signCount)
			.param("uv", uvInitialized)
			.param("be", backupEligible)
			.param("bs", backupState)
			.param("transports", transports)
			.param("name", name)
			.param("now", Timestamp.from(now))
			.update();
		return (inserted == 1) ? Added.ADDED : Added.TAKEN;
	}

	Optional<StoredPasskey> findByCredentialId(byte[] credentialId) {
		return this.jdbc.sql("""
				select id, user_id, credential_data, sign_count, uv_initialized, backup_eligible, backup_state
				from passkey where credential_id = :credentialId""")
			.param("credentialId", credentialId)
			.query(PasskeyStore::stored)
			.optional();
	}

	/**
	 * Stores what a verified sign-in saw, only if its counter is still above the stored
	 * one (another sign-in may have stored one as high in the meantime): of two uses of
	 * one counter value, one passes. Authenticators that keep no counter (always zero)
	 * pass each time; their assertions are single-use by their challenges.
	 */
	boolean recordUse(UUID id, long newCount, boolean backupState, Instant now) {
		return this.jdbc.sql("""
				update passkey set sign_count = :count, backup_state = :bs, uv_initialized = true, last_used_at = :now
				where id = :id and (sign_count < :count or (sign_count = 0 and :count = 0))""")
			.param("id", id)
			.param("count", newCount)
			.param("bs", backupState)
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

	/** Removes one of the account's passkeys; false when it has no such passkey. */
	boolean delete(long userId, UUID id) {
		return this.jdbc.sql("delete from passkey where id = :id and user_id = :user")
			.param("id", id)
			.param("user", userId)
			.update() == 1;
	}

	/** Everything kept about the account's passkeys, its user handle included. */
	int eraseAll(long userId) {
		int passkeys = this.jdbc.sql("delete from passkey where user_id = :user").param("user", userId).update();
		this.jdbc.sql("delete from passkey_user where user_id = :user").param("user", userId).update();
		return passkeys;
	}

	private static StoredPasskey stored(ResultSet rs, int row) throws SQLException {
		return new StoredPasskey(rs.getObject(1, UUID.class), rs.getLong(2), rs.getBytes(3), rs.getLong(4),
				rs.getBoolean(5), rs.getBoolean(6), rs.getBoolean(7));
	}

	enum Added {

		ADDED, FULL, TAKEN

	}

}
