package com.usercenter.account;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The service's password hashes and the imported ones behind one encoder: what it encodes
 * is the service's Argon2id, unprefixed as every hash the service ever wrote; a stored
 * value with an {@code {algorithm}} prefix was imported ({@link LegacyPasswords}), is
 * checked in its own algorithm and is the only kind that wants upgrading. Runs inside
 * {@link BoundedPasswordEncoder}, so an imported hash takes its turn in the same bounded
 * pool as every other check.
 */
final class ServicePasswordEncoder implements PasswordEncoder {

	private final PasswordEncoder argon2id;

	private final LegacyPasswords legacy;

	ServicePasswordEncoder(PasswordEncoder argon2id, LegacyPasswords legacy) {
		this.argon2id = argon2id;
		this.legacy = legacy;
	}

	@Override
	public String encode(CharSequence rawPassword) {
		return this.argon2id.encode(rawPassword);
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		if (LegacyPasswords.isImported(encodedPassword)) {
			return this.legacy.matches(rawPassword, encodedPassword, this.argon2id);
		}
		return this.argon2id.matches(rawPassword, encodedPassword);
	}

	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		return LegacyPasswords.isImported(encodedPassword);
	}

}
