package com.usercenter.user;

import java.time.Clock;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The accounts' passwords, whose hashes never leave this module: a password is checked
 * here and hashed here. Hashing is the encoder's ({@code account}'s Argon2id, bounded);
 * no transaction is held open while it hashes a guess. A hash imported from the system
 * the user center replaces (contract 9.2) is checked by the same encoder and replaced by
 * an Argon2id one on the first right password.
 */
@Service
public class Passwords {

	private final UserRepository users;

	private final UserRows rows;

	private final PasswordEncoder encoder;

	private final Clock clock;

	private final String placeholderHash;

	Passwords(UserRepository users, UserRows rows, PasswordEncoder encoder, Clock clock) {
		this.users = users;
		this.rows = rows;
		this.encoder = encoder;
		this.clock = clock;
		this.placeholderHash = encoder.encode("unknown-account-placeholder");
	}

	/**
	 * Whether the password is the account's. At least one Argon2id hash, whatever the
	 * account: against a placeholder when there is no account to check ({@code userId}
	 * null) or it has no password, so neither answers faster than a wrong password. An
	 * imported hash may be far cheaper (an MD5): a wrong password against one is hashed
	 * against the placeholder too, so how long a guess takes does not tell which accounts
	 * were imported; the right one is hashed anew, replacing the imported hash in this
	 * request.
	 */
	public boolean matches(Long userId, String password) {
		String stored = (userId != null) ? this.users.findPasswordHashById(userId).orElse(null) : null;
		boolean matches = this.encoder.matches(password, (stored != null) ? stored : this.placeholderHash);
		if (stored == null) {
			return false;
		}
		if (this.encoder.upgradeEncoding(stored)) {
			if (matches) {
				replaceImported(userId, stored, password);
			}
			else {
				this.encoder.matches(password, this.placeholderHash);
			}
		}
		return matches;
	}

	/**
	 * Stores the service's hash of a password proven against an imported hash, unless the
	 * hash changed meanwhile (a password set by other means is not overwritten).
	 */
	private void replaceImported(long userId, String imported, String password) {
		this.users.replacePasswordHash(userId, imported, this.encoder.encode(password));
	}

	/** Sets a new password: hashed first, then stored with the row locked. */
	@Transactional
	public void change(long userId, String password) {
		String hash = hash(password);
		User user = this.rows.lock(userId);
		user.changePasswordHash(hash);
		user.touch(this.clock.instant());
		this.rows.save(user);
	}

	/** The hash to store for a new account's password; null for none. */
	String hash(String password) {
		return (password != null) ? this.encoder.encode(password) : null;
	}

}
