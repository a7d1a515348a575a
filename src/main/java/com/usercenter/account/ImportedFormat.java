package com.usercenter.account;

import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * One family of imported password hashes ({@link LegacyPasswords}): how an imported hash
 * is checked and written down once, and how a password is checked against what was
 * written. A rejection's message names the field and the rule, never the value: it is
 * shown to the administrator and logged.
 */
interface ImportedFormat {

	/** The hex digits, either case. */
	Pattern HEX = Pattern.compile("[0-9a-fA-F]*");

	/**
	 * What is stored after the {@code {algorithm}} prefix, in one spelling.
	 * @throws IllegalArgumentException when the hash, salt or iterations are not what the
	 * algorithm takes, or would cost one check more than the caps allow
	 */
	String encode(String algorithm, String hash, String salt, Integer iterations);

	/**
	 * Whether the password is the one {@code encoded} (written by {@link #encode}) was
	 * made of; false for anything malformed.
	 * @param argon2id the service's own Argon2id, for the imported hashes it can check
	 */
	boolean matches(String password, String encoded, PasswordEncoder argon2id);

	static IllegalArgumentException invalid(String message) {
		return new IllegalArgumentException(message);
	}

	static void requireNoSalt(String algorithm, String salt) {
		if (salt != null && !salt.isEmpty()) {
			throw invalid("password.salt is not used by " + algorithm);
		}
	}

	static void requireNoIterations(String algorithm, Integer iterations) {
		if (iterations != null) {
			throw invalid("password.iterations is not used by " + algorithm);
		}
	}

	/**
	 * The bytes of a hex value of {@code min} to {@code max} bytes.
	 * @param what the field and the rule's subject, as the message names it
	 */
	static byte[] hexBytes(String value, String what, int min, int max) {
		if (value == null || value.length() % 2 != 0 || value.length() < 2 * min || value.length() > 2 * max
				|| !HEX.matcher(value).matches()) {
			String size = (min == max) ? min + " bytes" : min + " to " + max + " bytes";
			throw invalid(what + " must be " + size + " in hex");
		}
		return HexFormat.of().parseHex(value.toLowerCase(Locale.ROOT));
	}

}
