package com.usercenter.cloud;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;

/**
 * Calls an Alibaba Cloud RPC API (SMS {@code SendSms}, number authentication
 * {@code GetMobile}): the common parameters (JSON format, HMAC-SHA1, a fresh
 * {@code SignatureNonce}, the UTC {@code Timestamp}) with the action's own, signed by
 * {@link AliyunRpcSigner}, POSTed as a form. The answer's {@code Code} says whether it
 * worked ({@code OK}).
 */
public final class AliyunRpcClient {

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
		.withZone(ZoneOffset.UTC);

	private final URI endpoint;

	private final String version;

	private final String accessKeyId;

	private final String accessKeySecret;

	private final Clock clock;

	private final CloudCall call;

	public AliyunRpcClient(String baseUrl, String version, String accessKeyId, String accessKeySecret,
			Duration connectTimeout, Duration readTimeout, Clock clock) {
		this.endpoint = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
		this.version = version;
		this.accessKeyId = accessKeyId;
		this.accessKeySecret = accessKeySecret;
		this.clock = clock;
		this.call = new CloudCall("Alibaba Cloud " + version, connectTimeout, readTimeout);
	}

	/**
	 * Calls the action; answers the provider's JSON, refusals included.
	 * @throws com.usercenter.core.UpstreamFailed when the provider is not reached in time
	 */
	public JsonNode call(String action, Map<String, String> parameters) {
		Map<String, String> signed = new LinkedHashMap<>(parameters);
		signed.put("Action", action);
		signed.put("Version", this.version);
		signed.put("Format", "JSON");
		signed.put("AccessKeyId", this.accessKeyId);
		signed.put("SignatureMethod", "HMAC-SHA1");
		signed.put("SignatureVersion", "1.0");
		signed.put("SignatureNonce", UUID.randomUUID().toString());
		signed.put("Timestamp", TIMESTAMP.format(this.clock.instant().truncatedTo(ChronoUnit.SECONDS)));
		return this.call.post(this.endpoint, MediaType.APPLICATION_FORM_URLENCODED_VALUE,
				AliyunRpcSigner.signedQuery("POST", signed, this.accessKeySecret), Map.of());
	}

	/** The answer's {@code Code}; {@code OK} is success. */
	public static String code(JsonNode answer) {
		return answer.path("Code").asString("");
	}

}
