package com.usercenter.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * An imported MD5, SHA-1 or SHA-256 digest of the password (UTF-8), alone or with a salt
 * (the literal salt string, up to {@value #MAX_SALT} characters) before or after it, or
 * MD5 of the password's lowercase hex MD5. Stored as the lowercase hex digest, then
 * {@code $} and the salt when there is one. Checked with the JDK's {@link MessageDigest},
 * compared in constant time.
 */
final class DigestFormat implements ImportedFormat {

	static final int MAX_SALT = 256;

	/** What the digest is taken of. */
	enum Layout {

		/** The password. */
		PLAIN,

		/** Salt + password. */
		SALT_PREFIX,

		/** Password + salt. */
		SALT_SUFFIX,

		/** The lowercase hex MD5 of the password. */
		MD5_OF_HEX_MD5

	}

	private final String digest;

	private final int length;

	private final Layout layout;

	/**
	 * @param digest the JDK's name of the digest
	 * @param length its length in bytes
	 */
	DigestFormat(String digest, int length, Layout layout) {
		this.digest = digest;
		this.length = length;
		this.layout = layout;
	}

	@Override
	public String encode(String algorithm, String hash, String salt, Integer iterations) {
		ImportedFormat.requireNoIterations(algorithm, iterations);
		String hex = HexFormat.of()
			.formatHex(ImportedFormat.hexBytes(hash, "password.hash of " + algorithm, this.length, this.length));
		if (!salted()) {
			ImportedFormat.requireNoSalt(algorithm, salt);
			return hex;
		}
		if (salt == null || salt.isEmpty()) {
			throw ImportedFormat.invalid("password.salt is required for " + algorithm);
		}
		if (salt.length() > MAX_SALT) {
			throw ImportedFormat.invalid("password.salt must be at most " + MAX_SALT + " characters");
		}
		if (salt.indexOf('\0') >= 0) {
			// PostgreSQL's text cannot hold it
			throw ImportedFormat.invalid("password.salt must not contain a NUL character");
		}
		return hex + "$" + salt;
	}

	@Override
	public boolean matches(String password, String encoded, PasswordEncoder argon2id) {
		int hexLength = 2 * this.length;
		boolean wellFormed = salted() ? encoded.length() > hexLength && encoded.charAt(hexLength) == '$'
				: encoded.length() == hexLength;
		if (!wellFormed || !HEX.matcher(encoded.substring(0, hexLength)).matches()) {
			return false;
		}
		byte[] expected = HexFormat.of().parseHex(encoded, 0, hexLength);
		String salt = salted() ? encoded.substring(hexLength + 1) : "";
		String input = switch (this.layout) {
			case PLAIN -> password;
			case SALT_PREFIX -> salt + password;
			case SALT_SUFFIX -> password + salt;
			case MD5_OF_HEX_MD5 -> HexFormat.of().formatHex(digest(password));
		};
		return MessageDigest.isEqual(expected, digest(input));
	}

	private boolean salted() {
		return this.layout == Layout.SALT_PREFIX || this.layout == Layout.SALT_SUFFIX;
	}

	private byte[] digest(String input) {
		try {
			return MessageDigest.getInstance(this.digest).digest(input.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			// every JDK has MD5, SHA-1 and SHA-256
			throw new IllegalStateException(ex);
		}
	}

}
