package com.usercenter.cloud;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tencent Cloud's TC3-HMAC-SHA256 signature of a POST with a JSON body: the canonical
 * request (method, {@code /}, empty query, the {@code content-type} and {@code host}
 * headers, the body's SHA-256), the string to sign (algorithm, timestamp,
 * {@code date/service/tc3_request}, the canonical request's SHA-256), signed with a key
 * derived from {@code "TC3" + secretKey} through the UTC date, the service and
 * {@code tc3_request}.
 */
public final class Tc3Signer {

	public static final String ALGORITHM = "TC3-HMAC-SHA256";

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

	private Tc3Signer() {
	}

	/** The {@code Authorization} header of this request. */
	public static String authorization(String secretId, String secretKey, String service, String host,
			String contentType, String payload, long timestamp) {
		String scope = DATE.format(Instant.ofEpochSecond(timestamp)) + "/" + service + "/tc3_request";
		return ALGORITHM + " Credential=" + secretId + "/" + scope + ", SignedHeaders=content-type;host, Signature="
				+ signature(secretKey, service, host, contentType, payload, timestamp);
	}

	/** The hex signature of this request. */
	public static String signature(String secretKey, String service, String host, String contentType, String payload,
			long timestamp) {
		String date = DATE.format(Instant.ofEpochSecond(timestamp));
		String stringToSign = ALGORITHM + "\n" + timestamp + "\n" + date + "/" + service + "/tc3_request\n"
				+ sha256Hex(canonicalRequest(host, contentType, payload));
		byte[] secretDate = hmac(("TC3" + secretKey).getBytes(StandardCharsets.UTF_8), date);
		byte[] secretService = hmac(secretDate, service);
		byte[] secretSigning = hmac(secretService, "tc3_request");
		return HexFormat.of().formatHex(hmac(secretSigning, stringToSign));
	}

	/** The canonical request of a POST to {@code /} with this body. */
	public static String canonicalRequest(String host, String contentType, String payload) {
		return "POST\n/\n\ncontent-type:" + contentType + "\nhost:" + host + "\n\ncontent-type;host\n"
				+ sha256Hex(payload);
	}

	public static String sha256Hex(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] hmac(byte[] key, String message) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
