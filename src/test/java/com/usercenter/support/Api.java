package com.usercenter.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for the running service: the tests see exactly the bytes, status
 * and headers a mobile app or partner server would.
 */
public final class Api {

	public static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	private final boolean recordSecrets;

	public Api(int port) {
		this(port, true);
	}

	/**
	 * A client that does not add what it handles to {@link SensitiveValues}: for load,
	 * whose tokens would fill the test JVM's memory.
	 */
	public Api(int port, boolean recordSecrets) {
		this.base = "http://localhost:" + port;
		this.recordSecrets = recordSecrets;
	}

	public Answer get(String path, String token) {
		return send(Call.of("GET", path).bearer(token));
	}

	public Answer get(String path) {
		return get(path, null);
	}

	public Answer post(String path, Object body, String token) {
		return send(Call.of("POST", path).json(body).bearer(token));
	}

	public Answer post(String path, Object body) {
		return post(path, body, null);
	}

	public Answer patch(String path, Object body, String token) {
		return send(Call.of("PATCH", path).json(body).bearer(token));
	}

	public Answer send(Call call) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + call.pathAndQuery))
			.timeout(Duration.ofSeconds(30))
			.method(call.method, publisher(call));
		call.headers.forEach(request::header);
		call.repeated.forEach((header) -> request.header(header[0], header[1]));
		if (!call.headers.containsKey("X-Forwarded-For") && !call.fromConnection) {
			// every call comes from an address of its own unless it says otherwise, so
			// per-address limits count only what a test means them to
			request.header("X-Forwarded-For", ApiTestBase.newIp());
		}
		try {
			HttpResponse<byte[]> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			Answer answer = new Answer(response.statusCode(), response.body(), response.headers().map());
			if (this.recordSecrets) {
				SensitiveValues.observe(call.body, call.headers.get("Content-Type"), answer);
			}
			return answer;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static HttpRequest.BodyPublisher publisher(Call call) {
		if (call.body == null) {
			return HttpRequest.BodyPublishers.noBody();
		}
		if (call.streamed) {
			return HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(call.body));
		}
		return HttpRequest.BodyPublishers.ofByteArray(call.body);
	}

	/** One request, built up step by step. */
	public static final class Call {

		final String method;

		final String pathAndQuery;

		final Map<String, String> headers = new LinkedHashMap<>();

		/** Headers sent in addition to {@link #headers}, under a name already there. */
		final java.util.List<String[]> repeated = new java.util.ArrayList<>();

		byte[] body;

		boolean streamed;

		boolean fromConnection;

		private Call(String method, String pathAndQuery) {
			this.method = method;
			this.pathAndQuery = pathAndQuery;
		}

		public static Call of(String method, String pathAndQuery) {
			return new Call(method, pathAndQuery);
		}

		public Call json(Object body) {
			if (body == null) {
				return this;
			}
			this.body = (body instanceof String text) ? text.getBytes(StandardCharsets.UTF_8)
					: JSON.writeValueAsBytes(body);
			return header("Content-Type", "application/json");
		}

		public Call form(String encoded) {
			this.body = encoded.getBytes(StandardCharsets.UTF_8);
			return header("Content-Type", "application/x-www-form-urlencoded");
		}

		public Call body(byte[] body, String contentType) {
			this.body = body;
			return (contentType != null) ? header("Content-Type", contentType) : this;
		}

		/** Sends the body without a length, chunked. */
		public Call streamed() {
			this.streamed = true;
			return this;
		}

		/**
		 * A multipart/form-data body with a file part for each of {@code files}, all
		 * under one name.
		 */
		public Call multipart(String field, String filename, String contentType, byte[]... files) {
			String boundary = "----usercenter" + Long.toHexString(System.nanoTime());
			java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
			for (byte[] data : files) {
				String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field
						+ "\"; filename=\"" + filename + "\"\r\nContent-Type: " + contentType + "\r\n\r\n";
				out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
				out.writeBytes(data);
				out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
			}
			out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
			this.body = out.toByteArray();
			return header("Content-Type", "multipart/form-data; boundary=" + boundary);
		}

		/**
		 * Comes from this client address (the test context trusts loopback as a proxy).
		 */
		public Call fromConnection() {
			this.fromConnection = true;
			return this;
		}

		public Call from(String ip) {
			return (ip != null) ? header("X-Forwarded-For", ip) : this;
		}

		public Call bearer(String token) {
			return (token != null) ? header("Authorization", "Bearer " + token) : this;
		}

		public Call header(String name, String value) {
			this.headers.put(name, value);
			return this;
		}

		/** The header a second time, with another value, beside the one set already. */
		public Call headerAgain(String name, String value) {
			this.repeated.add(new String[] { name, value });
			return this;
		}

		public String method() {
			return this.method;
		}

		public String pathAndQuery() {
			return this.pathAndQuery;
		}

		public Map<String, String> headers() {
			return Map.copyOf(this.headers);
		}

		public byte[] bodyBytes() {
			return (this.body != null) ? this.body : new byte[0];
		}

	}

	/** An answer: HTTP status, envelope and headers. */
	public record Answer(int status, byte[] raw, Map<String, java.util.List<String>> headers) {

		public JsonNode json() {
			return JSON.readTree(this.raw);
		}

		public int code() {
			return json().path("code").asInt();
		}

		public String msg() {
			return json().path("msg").asString();
		}

		public JsonNode data() {
			return json().path("data");
		}

		public String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((e) -> e.getKey().equalsIgnoreCase(name))
				.map((e) -> e.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

		public String text() {
			return new String(this.raw, StandardCharsets.UTF_8);
		}

		@Override
		public String toString() {
			return this.status + " " + text();
		}

	}

}
