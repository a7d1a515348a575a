package com.usercenter.cloud;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Calls a Tencent Cloud API 3.0 action: a JSON POST to {@code /} with the {@code X-TC-*}
 * headers and the TC3-HMAC-SHA256 {@code Authorization} of {@link Tc3Signer}. Answers the
 * {@code Response} object, where an {@code Error} says the call was refused.
 */
public final class TencentCloudClient {

	/**
	 * Signed exactly as it is sent; without a charset parameter, which servers and
	 * proxies tend to rewrite (JSON is UTF-8 anyway).
	 */
	static final String CONTENT_TYPE = "application/json";

	private final URI endpoint;

	private final String host;

	private final String service;

	private final String secretId;

	private final String secretKey;

	private final Clock clock;

	private final CloudCall call;

	public TencentCloudClient(String baseUrl, String service, String secretId, String secretKey,
			Duration connectTimeout, Duration readTimeout, Clock clock) {
		this.endpoint = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
		this.host = this.endpoint.getPort() > 0 ? this.endpoint.getHost() + ":" + this.endpoint.getPort()
				: this.endpoint.getHost();
		this.service = service;
		this.secretId = secretId;
		this.secretKey = secretKey;
		this.clock = clock;
		this.call = new CloudCall("Tencent Cloud " + service, connectTimeout, readTimeout);
	}

	/**
	 * Calls the action with this JSON body; answers {@code Response}.
	 * @throws com.usercenter.core.UpstreamFailed when the provider is not reached in time
	 */
	public JsonNode call(String action, String version, String region, String jsonBody) {
		long timestamp = this.clock.instant().getEpochSecond();
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Authorization", Tc3Signer.authorization(this.secretId, this.secretKey, this.service, this.host,
				CONTENT_TYPE, jsonBody, timestamp));
		headers.put("X-TC-Action", action);
		headers.put("X-TC-Version", version);
		headers.put("X-TC-Timestamp", Long.toString(timestamp));
		if (region != null && !region.isBlank()) {
			headers.put("X-TC-Region", region);
		}
		return this.call.post(this.endpoint, CONTENT_TYPE, jsonBody, headers).path("Response");
	}

}
