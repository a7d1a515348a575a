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

	/** The app secrets of WeChat and its mini-program, planted for the log scan. */
	private static final String WECHAT_SECRET = "wx-" + base64(18);

	private static final String WECHAT_MINI_SECRET = "wxmini-" + base64(18);

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

	public static String wechatSecret() {
		return WECHAT_SECRET;
	}

	public static String wechatMiniSecret() {
		return WECHAT_MINI_SECRET;
	}

	/**
	 * The secrets the service holds for its providers, which no log may show: the WeChat
	 * and mini-program app secrets and each line of the Apple key (as a PEM prints it).
	 */
	public static java.util.List<String> providerSecrets() {
		java.util.List<String> secrets = new java.util.ArrayList<>(
				java.util.List.of(WECHAT_SECRET, WECHAT_MINI_SECRET));
		String pem = applePrivateKeyPem();
		secrets.add(Base64.getEncoder().encodeToString(APPLE_KEY.getPrivate().getEncoded()));
		for (String line : pem.split("\n")) {
			if (!line.startsWith("-----") && line.length() >= 24) {
				secrets.add(line);
			}
		}
		return secrets;
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
