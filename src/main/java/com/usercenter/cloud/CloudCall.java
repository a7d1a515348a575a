package com.usercenter.cloud;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;

import com.usercenter.core.ApiException;
import com.usercenter.core.UpstreamFailed;
import com.usercenter.core.errors.Failures;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * One POST to a cloud API with a body of known length (no chunked bodies), within time
 * limits, read as JSON whatever its status: the providers answer their refusals as JSON
 * with 4xx. A provider that cannot be reached, fails with 5xx, does not answer in time or
 * answers something else than JSON is 50200.
 */
final class CloudCall {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RestClient http;

	private final String name;

	CloudCall(String name, Duration connectTimeout, Duration readTimeout) {
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(connectTimeout)
			.build();
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
		factory.setReadTimeout(readTimeout);
		this.http = RestClient.builder().requestFactory(factory).build();
		this.name = name;
	}

	/**
	 * POSTs the body with exactly this {@code Content-Type} (signatures cover it, so no
	 * library may rewrite it).
	 */
	JsonNode post(URI uri, String contentType, String body, Map<String, String> headers) {
		String answer;
		try {
			answer = this.http.post().uri(uri).headers((h) -> {
				headers.forEach(h::set);
				h.set("Content-Type", contentType);
			}).body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).exchange((request, response) -> {
				if (response.getStatusCode().is5xxServerError()) {
					throw new UpstreamFailed();
				}
				return new String(response.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			});
		}
		catch (ApiException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			// the types only: a client's message names the request, and a cause's may
			// quote the body
			LoggerFactory.getLogger(CloudCall.class).warn("{} did not answer: {}", this.name, Failures.types(ex));
			throw new UpstreamFailed();
		}
		try {
			JsonNode json = JSON.readTree(answer);
			if (!json.isObject()) {
				throw new UpstreamFailed();
			}
			return json;
		}
		catch (JacksonException ex) {
			LoggerFactory.getLogger(CloudCall.class).warn("{} answered something other than JSON", this.name);
			throw new UpstreamFailed();
		}
	}

}
