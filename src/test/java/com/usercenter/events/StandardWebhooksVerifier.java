package com.usercenter.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The subscriber's side of Standard Webhooks, written from the specification and apart
 * from the service's code: the signed content is {@code id.timestamp.body}, the key the
 * base64 part of the secret after {@code whsec_}, the header a space-separated list of
 * {@code v1,<base64>} of which one must match, and the timestamp within five minutes.
 */
final class StandardWebhooksVerifier {

	private final byte[] key;

	StandardWebhooksVerifier(String secret) {
		if (!secret.startsWith("whsec_")) {
			throw new IllegalArgumentException("not a Standard Webhooks secret");
		}
		this.key = Base64.getDecoder().decode(secret.substring(6));
	}

	boolean verify(String id, String timestamp, String body, String signatureHeader, long nowSeconds) {
		if (id == null || timestamp == null || signatureHeader == null) {
			return false;
		}
		if (Math.abs(nowSeconds - Long.parseLong(timestamp)) > 300) {
			return false;
		}
		byte[] expected;
		try {
			Mac hmac = Mac.getInstance("HmacSHA256");
			hmac.init(new SecretKeySpec(this.key, "HmacSHA256"));
			expected = hmac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		for (String versioned : signatureHeader.split(" ")) {
			int comma = versioned.indexOf(',');
			if (comma > 0 && versioned.substring(0, comma).equals("v1")
					&& MessageDigest.isEqual(Base64.getDecoder().decode(versioned.substring(comma + 1)), expected)) {
				return true;
			}
		}
		return false;
	}

}
