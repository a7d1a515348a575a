package com.usercenter.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Encrypts secrets at rest with AES-256-GCM under the master key. Each value gets a fresh
 * 12-byte nonce; the stored form is {@code nonce || ciphertext+tag}. A purpose string is
 * bound in as associated data so a tenant secret cannot be swapped in where a signing key
 * is expected.
 */
@Component
public class SecretBox {

	private static final Logger log = LoggerFactory.getLogger(SecretBox.class);

	private static final int NONCE_BYTES = 12;

	private final SecretKey key;

	SecretBox(CryptoSettings settings) {
		this.key = new SecretKeySpec(loadKey(settings), "AES");
	}

	/**
	 * A keyed hash (HMAC-SHA256 under a subkey of the master key for this purpose), for
	 * secrets too short to hash plainly: a 6-digit code's hash is useless without the
	 * key.
	 */
	public String keyedHash(String purpose, String value) {
		try {
			Mac derive = Mac.getInstance("HmacSHA256");
			derive.init(this.key);
			byte[] subkey = derive.doFinal(("derive:" + purpose).getBytes(StandardCharsets.UTF_8));
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(subkey, "HmacSHA256"));
			return java.util.HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public byte[] seal(String purpose, byte[] plain) {
		try {
			byte[] nonce = Digests.randomBytes(NONCE_BYTES);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(128, nonce));
			cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(plain);
			return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot encrypt", ex);
		}
	}

	public byte[] open(String purpose, byte[] stored) {
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(128, stored, 0, NONCE_BYTES));
			cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
			return cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
		}
		catch (GeneralSecurityException ex) {
			throw new MasterKeyMismatch(ex);
		}
	}

	private static byte[] loadKey(CryptoSettings settings) {
		if (StringUtils.hasText(settings.masterKey())) {
			return decode(settings.masterKey().trim(), "usercenter.crypto.master-key");
		}
		Path file = settings.masterKeyFile();
		try {
			if (Files.exists(file)) {
				return decode(Files.readString(file).trim(), file.toString());
			}
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.writeString(file, Base64.getEncoder().encodeToString(Digests.randomBytes(32)));
			restrict(file);
			log.warn("No usercenter.crypto.master-key configured: generated one in {}. Set the same key on every "
					+ "instance (USERCENTER_CRYPTO_MASTER_KEY) before scaling out.", file);
			return decode(Files.readString(file).trim(), file.toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or create the master key file " + file, ex);
		}
	}

	private static void restrict(Path file) {
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException | IOException ex) {
			log.debug("Cannot restrict permissions of {}", file);
		}
	}

	private static byte[] decode(String base64, String source) {
		byte[] key;
		try {
			key = Base64.getDecoder().decode(base64);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("The master key in " + source + " is not base64");
		}
		if (key.length != 32) {
			throw new IllegalStateException("The master key in " + source + " must be 32 bytes, base64-encoded");
		}
		return key;
	}

	/** Stored data was sealed under another master key (or was tampered with). */
	public static class MasterKeyMismatch extends IllegalStateException {

		MasterKeyMismatch(Throwable cause) {
			super("Stored secret cannot be opened with this master key", cause);
		}

	}

}
