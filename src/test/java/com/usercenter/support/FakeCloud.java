package com.usercenter.support;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * Alibaba Cloud's and Tencent Cloud's front doors as the fakes need them: every request
 * to a stub that names one of these transformers has its signature checked with the
 * test's copy of the secret, as the real provider checks it (written here again, not
 * borrowed from the code under test), and is refused the way the provider refuses it: an
 * unknown key, a wrong signature, a stale timestamp, a reused nonce.
 */
public final class FakeCloud {

	public static final String ALIYUN_KEY_ID = "LTAI5tTestAccessKey";

	public static final String TENCENT_SECRET_ID = "AKIDTestSecretId0123456789";

	private static final String ALIYUN_SECRET = "aliyun-" + TestSecrets.random(18);

	private static final String TENCENT_SECRET = "tencent-" + TestSecrets.random(18);

	private FakeCloud() {
	}

	public static String aliyunSecret() {
		SensitiveValues.add(ALIYUN_SECRET);
		return ALIYUN_SECRET;
	}

	public static String tencentSecret() {
		SensitiveValues.add(TENCENT_SECRET);
		return TENCENT_SECRET;
	}

	/** The form fields of a request sent to an Alibaba Cloud RPC API. */
	public static Map<String, String> form(LoggedRequest request) {
		Map<String, String> fields = new TreeMap<>();
		for (String pair : request.getBodyAsString().split("&")) {
			int eq = pair.indexOf('=');
			fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
					URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
		}
		return fields;
	}

	/** Checks Alibaba Cloud's RPC signature, version 1.0 (name: {@code aliyun-rpc}). */
	public static final class AliyunRpc implements ResponseDefinitionTransformerV2 {

		private final Set<String> nonces = ConcurrentHashMap.newKeySet();

		@Override
		public String getName() {
			return "aliyun-rpc";
		}

		@Override
		public boolean applyGlobally() {
			return false;
		}

		@Override
		public ResponseDefinition transform(ServeEvent event) {
			Map<String, String> fields = form(event.getRequest());
			String signature = fields.remove("Signature");
			if (!ALIYUN_KEY_ID.equals(fields.get("AccessKeyId"))) {
				return refuse(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
			}
			if (signature == null || !signature.equals(sign(fields))) {
				return refuse(400, "SignatureDoesNotMatch", "Specified signature is not matched with our calculation.");
			}
			Instant sent = Instant.parse(fields.getOrDefault("Timestamp", "1970-01-01T00:00:00Z"));
			if (Duration.between(sent, TestClock.now()).abs().compareTo(Duration.ofMinutes(15)) > 0) {
				return refuse(400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.");
			}
			if (!"HMAC-SHA1".equals(fields.get("SignatureMethod")) || !"1.0".equals(fields.get("SignatureVersion"))
					|| !this.nonces.add(fields.getOrDefault("SignatureNonce", ""))) {
				return refuse(400, "SignatureNonceUsed", "Specified signature nonce was used already.");
			}
			return event.getResponseDefinition();
		}

		private static String sign(Map<String, String> fields) {
			StringBuilder canonical = new StringBuilder();
			new TreeMap<>(fields).forEach((name, value) -> canonical.append(canonical.isEmpty() ? "" : "&")
				.append(encode(name))
				.append('=')
				.append(encode(value)));
			String stringToSign = "POST&%2F&" + encode(canonical.toString());
			return Base64.getEncoder().encodeToString(hmac("HmacSHA1", (ALIYUN_SECRET + "&").getBytes(), stringToSign));
		}

		/** The documented rule, byte by byte: only A-Z a-z 0-9 - _ . ~ stay. */
		private static String encode(String text) {
			StringBuilder out = new StringBuilder();
			for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
				char c = (char) (b & 0xFF);
				if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
						|| c == '.' || c == '~') {
					out.append(c);
				}
				else {
					out.append('%').append(String.format("%02X", b & 0xFF));
				}
			}
			return out.toString();
		}

		private static ResponseDefinition refuse(int status, String code, String message) {
			return ResponseDefinitionBuilder.responseDefinition()
				.withStatus(status)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"RequestId\":\"F00D\",\"Code\":\"" + code + "\",\"Message\":\"" + message + "\"}")
				.build();
		}

	}

	/** Checks Tencent Cloud's TC3-HMAC-SHA256 signature (name: {@code tencent-tc3}). */
	public static final class TencentTc3 implements ResponseDefinitionTransformerV2 {

		private static final Pattern AUTHORIZATION = Pattern
			.compile("TC3-HMAC-SHA256 Credential=([^/]+)/(\\d{4}-\\d{2}-\\d{2})/([a-z]+)/tc3_request, "
					+ "SignedHeaders=content-type;host, Signature=([0-9a-f]{64})");

		@Override
		public String getName() {
			return "tencent-tc3";
		}

		@Override
		public boolean applyGlobally() {
			return false;
		}

		@Override
		public ResponseDefinition transform(ServeEvent event) {
			LoggedRequest request = event.getRequest();
			Matcher authorization = AUTHORIZATION.matcher(String.valueOf(request.getHeader("Authorization")));
			if (!authorization.matches()) {
				return refuse("AuthFailure.InvalidAuthorization", "Authorization is invalid.");
			}
			if (!TENCENT_SECRET_ID.equals(authorization.group(1))) {
				return refuse("AuthFailure.SecretIdNotFound", "The SecretId is not found.");
			}
			long timestamp = Long.parseLong(String.valueOf(request.getHeader("X-TC-Timestamp")));
			if (Math.abs(TestClock.now().getEpochSecond() - timestamp) > 300) {
				return refuse("AuthFailure.SignatureExpire", "Signature expired.");
			}
			String date = DateTimeFormatter.ofPattern("yyyy-MM-dd")
				.withZone(ZoneOffset.UTC)
				.format(Instant.ofEpochSecond(timestamp));
			String canonical = "POST\n/\n\ncontent-type:" + request.getHeader("Content-Type") + "\nhost:"
					+ request.getHeader("Host") + "\n\ncontent-type;host\n" + sha256(request.getBodyAsString());
			String stringToSign = "TC3-HMAC-SHA256\n" + timestamp + "\n" + date + "/" + authorization.group(3)
					+ "/tc3_request\n" + sha256(canonical);
			byte[] key = hmac("HmacSHA256", ("TC3" + TENCENT_SECRET).getBytes(StandardCharsets.UTF_8), date);
			key = hmac("HmacSHA256", key, authorization.group(3));
			key = hmac("HmacSHA256", key, "tc3_request");
			String expected = HexFormat.of().formatHex(hmac("HmacSHA256", key, stringToSign));
			if (!date.equals(authorization.group(2)) || !expected.equals(authorization.group(4))) {
				return refuse("AuthFailure.SignatureFailure", "The provided credentials could not be validated.");
			}
			return event.getResponseDefinition();
		}

		private static ResponseDefinition refuse(String code, String message) {
			return ResponseDefinitionBuilder.responseDefinition()
				.withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"Response\":{\"Error\":{\"Code\":\"" + code + "\",\"Message\":\"" + message
						+ "\"},\"RequestId\":\"f00d\"}}")
				.build();
		}

	}

	private static byte[] hmac(String algorithm, byte[] key, String message) {
		try {
			Mac mac = Mac.getInstance(algorithm);
			mac.init(new SecretKeySpec(key, algorithm));
			return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String sha256(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
