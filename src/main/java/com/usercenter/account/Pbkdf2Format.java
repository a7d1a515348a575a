package com.usercenter.account;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * An imported PBKDF2-HMAC-SHA1 or -SHA256 key of the password (UTF-8), with its
 * iterations, hex salt (1 to {@value #MAX_SALT} bytes) and hex key (16 to 64 bytes).
 * Stored as {@code iterations$salt$key}, lowercase hex. One check costs the iterations
 * once for every digest-sized block of the key, and that product is capped at
 * {@value #MAX_WORK} (OWASP's figure for PBKDF2-HMAC-SHA1; about half a second here).
 * <p>
 * Checked with the JDK's {@link SecretKeyFactory}, which is what Spring Security's
 * {@code Pbkdf2PasswordEncoder} calls: that encoder fixes the iterations and salt length
 * per instance, stores neither, and takes a key length other than the digest's only
 * through its deprecated constructor, so it cannot express a stored hash's own
 * parameters.
 */
final class Pbkdf2Format implements ImportedFormat {

	static final int MAX_WORK = 1_300_000;

	static final int MAX_SALT = 64;

	static final int MIN_KEY = 16;

	static final int MAX_KEY = 64;

	private final String jdkAlgorithm;

	private final int digestLength;

	/**
	 * @param jdkAlgorithm the JDK's name, {@code PBKDF2WithHmacSHA1} or
	 * {@code PBKDF2WithHmacSHA256}
	 * @param digestLength the HMAC's output in bytes
	 */
	Pbkdf2Format(String jdkAlgorithm, int digestLength) {
		this.jdkAlgorithm = jdkAlgorithm;
		this.digestLength = digestLength;
	}

	@Override
	public String encode(String algorithm, String hash, String salt, Integer iterations) {
		if (iterations == null) {
			throw ImportedFormat.invalid("password.iterations is required for " + algorithm);
		}
		if (iterations < 1 || iterations > MAX_WORK) {
			throw ImportedFormat.invalid("password.iterations of " + algorithm + " must be 1 to " + MAX_WORK);
		}
		byte[] saltBytes = ImportedFormat.hexBytes(salt, "password.salt of " + algorithm, 1, MAX_SALT);
		byte[] key = ImportedFormat.hexBytes(hash, "password.hash of " + algorithm, MIN_KEY, MAX_KEY);
		if ((long) iterations * blocks(key.length) > MAX_WORK) {
			throw ImportedFormat.invalid("password.iterations of " + algorithm + " times the hash's "
					+ this.digestLength + "-byte blocks must be at most " + MAX_WORK);
		}
		return iterations + "$" + HexFormat.of().formatHex(saltBytes) + "$" + HexFormat.of().formatHex(key);
	}

	@Override
	public boolean matches(String password, String encoded, PasswordEncoder argon2id) {
		String[] parts = encoded.split("\\$", -1);
		if (parts.length != 3 || !parts[0].matches("[0-9]{1,7}")) {
			return false;
		}
		byte[] salt;
		byte[] expected;
		int iterations = Integer.parseInt(parts[0]);
		try {
			salt = ImportedFormat.hexBytes(parts[1], "salt", 1, MAX_SALT);
			expected = ImportedFormat.hexBytes(parts[2], "hash", MIN_KEY, MAX_KEY);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		// what was imported was capped: a value written by other means is not checked
		if (iterations < 1 || (long) iterations * blocks(expected.length) > MAX_WORK) {
			return false;
		}
		PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, expected.length * 8);
		try {
			// the JDK's PBKDF2 takes the password's UTF-8 bytes
			byte[] actual = SecretKeyFactory.getInstance(this.jdkAlgorithm).generateSecret(spec).getEncoded();
			return MessageDigest.isEqual(expected, actual);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("PBKDF2 is not available", ex);
		}
		finally {
			spec.clearPassword();
		}
	}

	private int blocks(int keyLength) {
		return (keyLength + this.digestLength - 1) / this.digestLength;
	}

}
