package com.usercenter.support;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * Secrets made fresh for each test run, so none is written in the repository.
 */
public final class TestSecrets {

	public static final String ADMIN_USERNAME = "root-admin";

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final String MASTER_KEY = base64(32);

	private static final String ADMIN_PASSWORD = "Adm1n-" + base64(12);

	/** The team's Sign in with Apple key (a P-256 key, as Apple's .p8 files hold). */
	private static final KeyPair APPLE_KEY = ecKeyPair();

	private TestSecrets() {
	}

	public static String applePrivateKeyPem() {
		return "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(APPLE_KEY.getPrivate().getEncoded())
				+ "\n-----END PRIVATE KEY-----\n";
	}

	public static ECPublicKey applePublicKey() {
		return (ECPublicKey) APPLE_KEY.getPublic();
	}

	private static KeyPair ecKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			return generator.generateKeyPair();
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static String masterKey() {
		return MASTER_KEY;
	}

	public static String adminPassword() {
		return ADMIN_PASSWORD;
	}

	/** Random URL-safe characters, made fresh for the run. */
	public static String random(int bytes) {
		byte[] buffer = new byte[bytes];
		RANDOM.nextBytes(buffer);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
	}

	private static String base64(int bytes) {
		byte[] buffer = new byte[bytes];
		RANDOM.nextBytes(buffer);
		return Base64.getEncoder().encodeToString(buffer);
	}

}
