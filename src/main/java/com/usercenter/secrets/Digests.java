package com.usercenter.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Hashes for high-entropy secrets (refresh tokens, tickets), random tokens and
 * constant-time comparison. Low-entropy secrets (passwords, 6-digit codes) are not for
 * this class.
 */
public final class Digests {

	private static final SecureRandom RANDOM = new SecureRandom();

	private Digests() {
	}

	public static byte[] sha256(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static byte[] sha256(String text) {
		return sha256(text.getBytes(StandardCharsets.UTF_8));
	}

	public static String sha256Hex(byte[] bytes) {
		return HexFormat.of().formatHex(sha256(bytes));
	}

	/** A URL-safe random token carrying {@code bytes * 8} bits of entropy. */
	public static String randomToken(int bytes) {
		byte[] buffer = new byte[bytes];
		RANDOM.nextBytes(buffer);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
	}

	public static byte[] randomBytes(int bytes) {
		byte[] buffer = new byte[bytes];
		RANDOM.nextBytes(buffer);
		return buffer;
	}

	/**
	 * Compares in time that depends only on the length, never on where the first
	 * difference is.
	 */
	public static boolean constantTimeEquals(byte[] a, byte[] b) {
		return MessageDigest.isEqual(a, b);
	}

	public static boolean constantTimeEquals(String a, String b) {
		if (a == null || b == null) {
			return false;
		}
		return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
	}

}
