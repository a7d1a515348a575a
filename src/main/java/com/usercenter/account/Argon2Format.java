package com.usercenter.account;

import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * An imported Argon2 PHC string ({@code $argon2id$v=19$m=...,t=...,p=...$salt$hash}, or
 * argon2i or argon2d; without {@code v=} it is version 16, as the reference
 * implementation reads it), stored in one spelling: the version written out, Base64
 * without padding. What one check may cost is capped: at most
 * {@link PooledArgon2PasswordEncoder#MAX_MEMORY_KIB} of memory (the most the service's
 * own check takes), {@value #MAX_PASSES} passes and {@value #MAX_LANES} lanes (Bouncy
 * Castle runs lanes one after the other, so they only split the memory; the cost is
 * memory times passes, here at most about a tenth of a second).
 * <p>
 * argon2id version 19, what almost every library writes, is checked by the service's own
 * Argon2id, whose memory blocks are pooled: an imported hash then costs the heap no more
 * garbage than a hash of our own. The rare others go to Spring Security's
 * {@link Argon2PasswordEncoder}, which reads type, version and parameters from the string
 * and allocates its blocks afresh.
 */
final class Argon2Format implements ImportedFormat {

	static final int MAX_PASSES = 10;

	static final int MAX_LANES = 16;

	static final int MIN_SALT = 8;

	static final int MAX_BYTES = 64;

	static final int MIN_HASH = 16;

	private static final Pattern PHC = Pattern.compile("\\$argon2(id|i|d)\\$(?:v=(16|19)\\$)?"
			+ "m=([0-9]{1,8}),t=([0-9]{1,8}),p=([0-9]{1,8})\\$([A-Za-z0-9+/]+={0,2})\\$([A-Za-z0-9+/]+={0,2})");

	private final Argon2PasswordEncoder others = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();

	@Override
	public String encode(String algorithm, String hash, String salt, Integer iterations) {
		ImportedFormat.requireNoSalt(algorithm, salt);
		ImportedFormat.requireNoIterations(algorithm, iterations);
		return Argon2Hash.parse(hash).encoded();
	}

	@Override
	public boolean matches(String password, String encoded, PasswordEncoder argon2id) {
		Argon2Hash hash;
		try {
			hash = Argon2Hash.parse(encoded);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		PasswordEncoder encoder = ("id".equals(hash.type()) && hash.version() == 19) ? argon2id : this.others;
		return encoder.matches(password, hash.encoded());
	}

	/** A PHC string's parts, within the caps. */
	record Argon2Hash(String type, int version, int memoryKib, int passes, int lanes, byte[] salt, byte[] hash) {

		static Argon2Hash parse(String value) {
			Matcher phc = PHC.matcher(value);
			if (!phc.matches()) {
				throw ImportedFormat.invalid("password.hash of argon2 must be a PHC string "
						+ "($argon2id$v=19$m=...,t=...,p=...$salt$hash, or argon2i or argon2d)");
			}
			int memory = Integer.parseInt(phc.group(3));
			int passes = Integer.parseInt(phc.group(4));
			int lanes = Integer.parseInt(phc.group(5));
			if (lanes < 1 || lanes > MAX_LANES) {
				throw ImportedFormat.invalid("password.hash of argon2 must have 1 to " + MAX_LANES + " lanes (p)");
			}
			if (memory < 8 * lanes || memory > PooledArgon2PasswordEncoder.MAX_MEMORY_KIB) {
				throw ImportedFormat.invalid("password.hash of argon2 must use at most "
						+ PooledArgon2PasswordEncoder.MAX_MEMORY_KIB + " KiB of memory (m), and 8 KiB a lane at least");
			}
			if (passes < 1 || passes > MAX_PASSES) {
				throw ImportedFormat.invalid("password.hash of argon2 must have 1 to " + MAX_PASSES + " passes (t)");
			}
			byte[] salt = bytes(phc.group(6), "salt", MIN_SALT);
			byte[] hash = bytes(phc.group(7), "hash", MIN_HASH);
			int version = (phc.group(2) != null) ? Integer.parseInt(phc.group(2)) : 16;
			return new Argon2Hash(phc.group(1), version, memory, passes, lanes, salt, hash);
		}

		private static byte[] bytes(String base64, String what, int min) {
			byte[] bytes;
			try {
				bytes = Base64.getDecoder().decode(base64);
			}
			catch (IllegalArgumentException ex) {
				bytes = null;
			}
			if (bytes == null || bytes.length < min || bytes.length > MAX_BYTES) {
				throw ImportedFormat.invalid(
						"password.hash of argon2 must have a " + what + " of " + min + " to " + MAX_BYTES + " bytes");
			}
			return bytes;
		}

		/** The one spelling stored and checked. */
		String encoded() {
			Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
			return "$argon2" + this.type + "$v=" + this.version + "$m=" + this.memoryKib + ",t=" + this.passes + ",p="
					+ this.lanes + "$" + base64.encodeToString(this.salt) + "$" + base64.encodeToString(this.hash);
		}

	}

}
