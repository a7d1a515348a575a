package com.usercenter.tenant;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.usercenter.secrets.Digests;

/**
 * The tenant request signature: lowercase hex HMAC-SHA256 over
 * {@code METHOD\nPATH\nQUERY\nTIMESTAMP\nNONCE\nhex(SHA-256(body))}.
 */
final class TenantSignature {

	private TenantSignature() {
	}

	static String stringToSign(String method, String path, String query, String timestamp, String nonce, byte[] body) {
		return method + "\n" + path + "\n" + ((query != null) ? query : "") + "\n" + timestamp + "\n" + nonce + "\n"
				+ Digests.sha256Hex(body);
	}

	static String sign(byte[] secret, String stringToSign) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret, "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static boolean matches(byte[] secret, String stringToSign, String presented) {
		return Digests.constantTimeEquals(sign(secret, stringToSign), presented.toLowerCase(java.util.Locale.ROOT));
	}

}
