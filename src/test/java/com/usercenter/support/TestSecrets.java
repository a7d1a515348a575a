package com.usercenter.support;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets made fresh for each test run, so none is written in the repository.
 */
public final class TestSecrets {

	public static final String ADMIN_USERNAME = "root-admin";

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final String MASTER_KEY = base64(32);

	private static final String ADMIN_PASSWORD = "Adm1n-" + base64(12);

	private TestSecrets() {
	}

	public static String masterKey() {
		return MASTER_KEY;
	}

	public static String adminPassword() {
		return ADMIN_PASSWORD;
	}

	private static String base64(int bytes) {
		byte[] buffer = new byte[bytes];
		RANDOM.nextBytes(buffer);
		return Base64.getEncoder().encodeToString(buffer);
	}

}
