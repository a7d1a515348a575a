package com.usercenter.binding;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.UpstreamFailed;
import com.usercenter.core.errors.Failures;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.util.UriUtils;

/**
 * What the three provider clients share: an HTTP client with time limits, JSON read
 * whatever content type the provider claims, 50200 when the provider fails or is slow,
 * 40105 when it rejects the credential.
 */
abstract class ProviderClient {

	private final RestClient http;

	private final JsonMapper json;

	ProviderClient(SocialSettings settings, RestClient.Builder builder, JsonMapper json) {
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(settings.connectTimeout())
			.build();
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
		factory.setReadTimeout(settings.readTimeout());
		this.http = builder.clone().requestFactory(factory).build();
		this.json = json;
	}

	abstract String provider();

	/**
	 * Whether this app's credentials for the provider are configured. Without them the
	 * provider is off: a token issued to any other app would pass.
	 */
	abstract boolean configured();

	abstract SocialProfile verify(SocialCredential credential);

	/**
	 * A provider's URL: the configured root and a path of ours, then each query value
	 * percent-encoded as data. No value is ever read as a URI template or as URL syntax,
	 * so a credential such as {@code {x}} or {@code a&secret=} stays one value.
	 */
	static URI url(String baseUrl, String path, Map<String, String> query) {
		// checked without the query: a bad root must not print a URL that holds a secret
		URI root = URI.create((baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl) + path);
		StringJoiner joined = new StringJoiner("&");
		query.forEach((name, value) -> joined
			.add(UriUtils.encode(name, StandardCharsets.UTF_8) + "=" + UriUtils.encode(value, StandardCharsets.UTF_8)));
		return query.isEmpty() ? root : URI.create(root.toASCIIString() + "?" + joined);
	}

	/** Query parameters in the order given. */
	static Map<String, String> query(String... namesAndValues) {
		Map<String, String> query = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			query.put(namesAndValues[i], namesAndValues[i + 1]);
		}
		return query;
	}

	JsonNode get(URI uri) {
		return read(() -> this.http.get().uri(uri).retrieve().body(String.class));
	}

	JsonNode post(URI uri) {
		return read(() -> this.http.post().uri(uri).retrieve().body(String.class));
	}

	/** POSTs a form body (with a Content-Length: no chunked bodies to providers). */
	JsonNode postForm(URI uri, MultiValueMap<String, String> form) {
		StringBuilder encoded = new StringBuilder();
		form.forEach((name,
				values) -> values.forEach((value) -> encoded.append(encoded.isEmpty() ? "" : "&")
					.append(java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8))
					.append('=')
					.append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8))));
		byte[] body = encoded.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
		return read(() -> this.http.post()
			.uri(uri)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(body)
			.retrieve()
			.body(String.class));
	}

	private JsonNode read(java.util.function.Supplier<String> call) {
		String body;
		try {
			body = call.get();
		}
		catch (HttpClientErrorException ex) {
			throw rejected();
		}
		catch (RuntimeException ex) {
			// the type only: a client's message (and its cause's) names the URL, query
			// and secret included
			LoggerFactory.getLogger(getClass()).warn("{} did not answer: {}", provider(), Failures.types(ex));
			throw new UpstreamFailed();
		}
		try {
			String trimmed = (body != null) ? body.trim() : "";
			// QQ's older endpoints wrap JSON as JSONP: callback( {...} );
			if (trimmed.startsWith("callback(")) {
				trimmed = trimmed.substring(trimmed.indexOf('(') + 1, trimmed.lastIndexOf(')'));
			}
			return this.json.readTree(trimmed);
		}
		catch (JacksonException | StringIndexOutOfBoundsException ex) {
			throw new UpstreamFailed();
		}
	}

	static ApiException rejected() {
		return new ApiException(ErrorCode.THIRD_PARTY_REJECTED);
	}

	static ApiException missing(String field) {
		return ApiException.invalid(field, "required for this provider");
	}

	static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return (value.isMissingNode() || value.isNull()) ? null : value.asString();
	}

	static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
