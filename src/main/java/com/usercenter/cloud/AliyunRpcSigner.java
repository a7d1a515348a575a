package com.usercenter.cloud;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Alibaba Cloud's RPC signature, version 1.0: the parameters sorted by name, each name
 * and value percent-encoded (only {@code A-Z a-z 0-9 - _ . ~} stay), joined, encoded
 * again behind {@code METHOD&%2F&}, and signed with HMAC-SHA1 keyed by the AccessKey
 * secret plus {@code &}.
 */
public final class AliyunRpcSigner {

	private AliyunRpcSigner() {
	}

	/** The signature of these parameters (without {@code Signature}). */
	public static String sign(String method, Map<String, String> parameters, String accessKeySecret) {
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec((accessKeySecret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
			return Base64.getEncoder()
				.encodeToString(mac.doFinal(stringToSign(method, parameters).getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA1 is not available", ex);
		}
	}

	/** {@code METHOD&%2F&} and the canonicalized query, encoded once more. */
	public static String stringToSign(String method, Map<String, String> parameters) {
		return method + "&" + percentEncode("/") + "&" + percentEncode(canonicalQuery(parameters));
	}

	/** The parameters sorted by name, each encoded, joined with {@code &}. */
	public static String canonicalQuery(Map<String, String> parameters) {
		return new TreeMap<>(parameters).entrySet()
			.stream()
			.map((entry) -> percentEncode(entry.getKey()) + "=" + percentEncode(entry.getValue()))
			.collect(Collectors.joining("&"));
	}

	/** The parameters with their {@code Signature}, as a form body or query string. */
	public static String signedQuery(String method, Map<String, String> parameters, String accessKeySecret) {
		return canonicalQuery(parameters) + "&Signature=" + percentEncode(sign(method, parameters, accessKeySecret));
	}

	/** RFC 3986 encoding as Alibaba Cloud applies it. */
	public static String percentEncode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8)
			.replace("+", "%20")
			.replace("*", "%2A")
			.replace("%7E", "~");
	}

}
