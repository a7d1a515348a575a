package com.usercenter.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs requests as a partner server would, written from the contract independently of
 * the service's own signature code.
 */
public final class TenantClient {

	private final Api api;

	private final String key;

	private final String secret;

	public TenantClient(Api api, String key, String secret) {
		this.api = api;
		this.key = key;
		this.secret = secret;
		SensitiveValues.add(secret);
	}

	public String key() {
		return this.key;
	}

	public String secret() {
		return this.secret;
	}

	public Api.Answer post(String pathAndQuery, Object jsonBody) {
		return this.api.send(sign(Api.Call.of("POST", pathAndQuery).json(jsonBody)));
	}

	public Api.Call sign(Api.Call call) {
		return sign(call, TestClock.now().toEpochMilli(), nonce());
	}

	public Api.Call sign(Api.Call call, long timestamp, String nonce) {
		String pathAndQuery = call.pathAndQuery();
		int q = pathAndQuery.indexOf('?');
		String path = (q >= 0) ? pathAndQuery.substring(0, q) : pathAndQuery;
		String query = (q >= 0) ? pathAndQuery.substring(q + 1) : "";
		return call.header("X-Tenant-Key", this.key)
			.header("X-Timestamp", Long.toString(timestamp))
			.header("X-Nonce", nonce)
			.header("X-Signature", signature(call.method(), path, query, timestamp, nonce, call.bodyBytes()));
	}

	/** The X-Signature of a request: the query as sent, without its {@code ?}. */
	public String signature(String method, String path, String query, long timestamp, String nonce, byte[] body) {
		String stringToSign = method + "\n" + path + "\n" + query + "\n" + timestamp + "\n" + nonce + "\n"
				+ hex(sha256(body));
		return hmac(this.secret, stringToSign);
	}

	public static String nonce() {
		return UUID.randomUUID().toString().replace("-", "");
	}

	public static String hmac(String secret, String text) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return hex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] sha256(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}

}
