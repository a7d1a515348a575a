package com.usercenter.events;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.usercenter.secrets.Digests;

/**
 * Standard Webhooks signatures: {@code v1,} + base64(HMAC-SHA256(key, id + "." +
 * timestamp + "." + body)), where the key is the base64-decoded secret after
 * {@code whsec_}; several keys (during a rotation) give several signatures, separated by
 * spaces.
 */
final class Signatures {

	static final String PREFIX = "whsec_";

	private Signatures() {
	}

	/** A new secret: {@code whsec_} and base64 of 32 random bytes. */
	static byte[] newKey() {
		return Digests.randomBytes(32);
	}

	static String secret(byte[] key) {
		return PREFIX + Base64.getEncoder().encodeToString(key);
	}

	static String header(List<byte[]> keys, String id, long timestamp, byte[] body) {
		return keys.stream().map((key) -> sign(key, id, timestamp, body)).collect(Collectors.joining(" "));
	}

	static String sign(byte[] key, String id, long timestamp, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
			return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
