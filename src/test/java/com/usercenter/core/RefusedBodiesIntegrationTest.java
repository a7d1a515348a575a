package com.usercenter.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.usercenter.support.Api;
import com.usercenter.support.Api.Call;
import com.usercenter.support.ApiTestBase;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request refused while its body is still on the way: every ordinary client reads the
 * answer, whether it reads while sending (curl), after sending (Java's HttpClient,
 * OkHttp, Python's http.client), or not before the last byte is written. The service
 * reads and discards the rest for a bounded time and amount, holding no thread while it
 * waits.
 */
class RefusedBodiesIntegrationTest extends ApiTestBase {

	private static final int MB = 1024 * 1024;

	private static final String LOGIN = "/api/v1/auth/login/password";

	private static final String AVATAR = "/api/v1/users/me/avatar";

	static Stream<Arguments> clientsAndRefusals() {
		List<Arguments> all = new ArrayList<>();
		for (Client client : Client.values()) {
			for (Refusal refusal : Refusal.values()) {
				all.add(Arguments.of(client, refusal));
			}
		}
		return all.stream();
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("clientsAndRefusals")
	void everyClientReadsTheAnswerToABodyRefusedWhileItWasSent(Client client, Refusal refusal) throws Exception {
		Call call = refusal.call(this);

		Received received = client.send(this.port, call);

		assertThat(received.status()).as(received.toString()).isEqualTo(refusal.status);
		assertThat(received.body()).as(received.toString()).contains("\"code\":" + refusal.code);
	}

	@Test
	void theAnswerComesBeforeTheBodyAndATrickleIsCutOff() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(2_000);
			OutputStream out = socket.getOutputStream();
			out.write(head(LOGIN, newIp(), "application/json", 10 * MB));
			out.flush();

			String answer = readAnswer(socket.getInputStream());
			long started = System.nanoTime();
			boolean closed = trickleUntilClosed(out);

			assertThat(answer).as("answered before a byte of the body").contains("\"code\":41300");
			assertThat(closed).as("a body trickling in is not waited for").isTrue();
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
		}
	}

	@Test
	void aBodyTheSecurityFiltersAnswerUnreadIsNotWaitedForAtTheClientsPace() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(2_000);
			OutputStream out = socket.getOutputStream();
			out.write(("PATCH /api/v1/users/me HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: " + newIp()
					+ "\r\nAuthorization: Bearer not.a.token\r\nContent-Type: application/json\r\n"
					+ "Content-Length: 60000\r\n\r\n{")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();

			String answer = readAnswer(socket.getInputStream());
			long started = System.nanoTime();
			boolean closed = trickleUntilClosed(out);

			assertThat(answer).contains("\"code\":40100");
			assertThat(closed).as("the rest of the body is not drained at the client's pace").isTrue();
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
		}
	}

	@Test
	void noMoreThanABoundedAmountIsReadAfterTheAnswer() throws Exception {
		long declared = 96L * MB;
		long written = 0;
		String answer;
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(2_000);
			OutputStream out = socket.getOutputStream();
			out.write(head(LOGIN, newIp(), "application/json", declared));
			answer = readAnswer(socket.getInputStream());
			byte[] chunk = new byte[64 * 1024];
			Arrays.fill(chunk, (byte) ' ');
			try {
				while (written < declared) {
					out.write(chunk);
					written += chunk.length;
				}
			}
			catch (IOException ex) {
				// closed by the service
			}
		}

		assertThat(answer).contains("\"code\":41300");
		assertThat(written).as("the service stopped reading well before the declared length").isLessThan(64L * MB);
	}

	@Test
	void refusedBodiesBeingDrainedHoldNoServerThread() throws Exception {
		List<Socket> draining = new ArrayList<>();
		try {
			// more connections than Tomcat has threads (200), 16 from each address
			for (int address = 0; address < 14; address++) {
				String ip = newIp();
				for (int i = 0; i < 16; i++) {
					Socket socket = new Socket("127.0.0.1", this.port);
					socket.setSoTimeout(3_000);
					socket.getOutputStream().write(head(LOGIN, ip, "application/json", 10 * MB));
					draining.add(socket);
				}
			}
			for (Socket socket : draining) {
				assertThat(readAnswer(socket.getInputStream())).contains("\"code\":41300");
			}

			long started = System.nanoTime();
			Api.Answer other = api().get("/api/v1/hobbies");

			assertThat(other.code()).isEqualTo(200);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
		}
		finally {
			for (Socket socket : draining) {
				socket.close();
			}
		}
	}

	private static byte[] head(String path, String ip, String type, long length) {
		return ("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: " + ip + "\r\nContent-Type: " + type
				+ "\r\nContent-Length: " + length + "\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
	}

	/** Reads one answer with a Content-Length body. */
	private static String readAnswer(InputStream in) throws IOException {
		ByteArrayOutputStream answer = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			for (int n; (n = in.read(buffer)) > 0;) {
				answer.write(buffer, 0, n);
				String text = answer.toString(StandardCharsets.UTF_8);
				int end = text.indexOf("\r\n\r\n");
				if (end > 0 && text.toLowerCase().contains("content-length:")) {
					String length = text.toLowerCase().split("content-length:")[1].split("\r\n")[0].strip();
					if (answer.size() >= end + 4 + Integer.parseInt(length)) {
						break;
					}
				}
			}
		}
		catch (SocketTimeoutException ex) {
			// what arrived is the answer
		}
		return answer.toString(StandardCharsets.UTF_8);
	}

	/** Bodies the service refuses while they are still being sent. */
	enum Refusal {

		/** Over the 64 KB a JSON body may have: refused by its Content-Length. */
		JSON_OF_6_MB(413, 41300) {
			@Override
			Call call(RefusedBodiesIntegrationTest test) {
				String json = "{\"account\":\"nobody\",\"password\":\"" + "x".repeat(6 * MB) + "\"}";
				return Call.of("POST", LOGIN).json(json).from(newIp());
			}
		},

		/** Over the 3 MB an upload may have, with a token that no longer works. */
		AVATAR_OF_5_MB_WITH_A_REVOKED_TOKEN(413, 41300) {
			@Override
			Call call(RefusedBodiesIntegrationTest test) {
				return upload(test, 5 * MB);
			}
		},

		/** Within the size limit, with a token that no longer works: refused unread. */
		AVATAR_OF_2_MB_WITH_A_REVOKED_TOKEN(401, 40101) {
			@Override
			Call call(RefusedBodiesIntegrationTest test) {
				return upload(test, 2 * MB + MB / 2);
			}
		};

		final int status;

		final int code;

		Refusal(int status, int code) {
			this.status = status;
			this.code = code;
		}

		abstract Call call(RefusedBodiesIntegrationTest test);

		private static Call upload(RefusedBodiesIntegrationTest test, int size) {
			String token = test.newUserToken();
			assertThat(test.api().post("/api/v1/auth/logout", null, token).code()).isEqualTo(200);
			byte[] photo = new byte[size];
			new java.util.Random(size).nextBytes(photo);
			return Call.of("POST", AVATAR)
				.multipart("file", "photo.png", "image/png", photo)
				.bearer(token)
				.from(newIp());
		}

	}

	record Received(int status, String body) {
	}

	/** Clients as apps and servers use them, each sending the whole body its own way. */
	enum Client {

		JAVA_HTTP_CLIENT {
			@Override
			Received send(int port, Call call) throws Exception {
				HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(port, call)))
					.timeout(Duration.ofSeconds(30))
					.POST(HttpRequest.BodyPublishers.ofByteArray(call.bodyBytes()));
				call.headers().forEach(request::header);
				HttpResponse<String> response = HttpClient.newHttpClient()
					.send(request.build(), HttpResponse.BodyHandlers.ofString());
				return new Received(response.statusCode(), response.body());
			}
		},

		OKHTTP {
			@Override
			Received send(int port, Call call) throws Exception {
				OkHttpClient client = new OkHttpClient.Builder().readTimeout(30, TimeUnit.SECONDS)
					.writeTimeout(30, TimeUnit.SECONDS)
					.build();
				Map<String, String> headers = new LinkedHashMap<>(call.headers());
				okhttp3.MediaType type = okhttp3.MediaType.get(headers.remove("Content-Type"));
				Request.Builder request = new Request.Builder().url(url(port, call))
					.post(RequestBody.create(call.bodyBytes(), type));
				headers.forEach(request::header);
				try (Response response = client.newCall(request.build()).execute()) {
					return new Received(response.code(), response.body().string());
				}
				finally {
					client.dispatcher().executorService().shutdown();
					client.connectionPool().evictAll();
				}
			}
		},

		CURL {
			@Override
			Received send(int port, Call call) throws Exception {
				Path body = Files.createTempFile("refused-", ".body");
				Path answer = Files.createTempFile("refused-", ".answer");
				try {
					Files.write(body, call.bodyBytes());
					List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "30", "-o",
							answer.toString(), "-w", "%{http_code}", "-X", "POST", "--data-binary", "@" + body));
					call.headers().forEach((name, value) -> command.addAll(List.of("-H", name + ": " + value)));
					command.add(url(port, call));
					Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
					String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
					assertThat(curl.waitFor(40, TimeUnit.SECONDS)).isTrue();
					int status = out.matches(".*\\d{3}$") ? Integer.parseInt(out.substring(out.length() - 3)) : -1;
					return new Received(status, Files.readString(answer) + ((status < 0) ? out : ""));
				}
				finally {
					Files.deleteIfExists(body);
					Files.deleteIfExists(answer);
				}
			}
		},

		/**
		 * Python's http.client and most mobile stacks: the whole body is written before a
		 * byte of the answer is read.
		 */
		WRITES_ALL_THEN_READS {
			@Override
			Received send(int port, Call call) throws Exception {
				try (Socket socket = new Socket("127.0.0.1", port)) {
					socket.setSoTimeout(30_000);
					StringBuilder head = new StringBuilder("POST " + call.pathAndQuery() + " HTTP/1.1\r\n")
						.append("Host: localhost\r\nContent-Length: ")
						.append(call.bodyBytes().length)
						.append("\r\n");
					call.headers()
						.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
					OutputStream out = socket.getOutputStream();
					try {
						out.write(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
						out.write(call.bodyBytes());
						out.flush();
					}
					catch (IOException ex) {
						return new Received(-1, "sending failed: " + ex);
					}
					String answer = readAnswer(socket.getInputStream());
					int status = answer.startsWith("HTTP/1.1 ") ? Integer.parseInt(answer.substring(9, 12)) : -1;
					return new Received(status, answer);
				}
			}
		};

		abstract Received send(int port, Call call) throws Exception;

		private static String url(int port, Call call) {
			return "http://localhost:" + port + call.pathAndQuery();
		}

	}

	/**
	 * Sends the body a byte every 250 ms, for 8 s at most: whether the server closed the
	 * connection meanwhile.
	 */
	private static boolean trickleUntilClosed(OutputStream out) throws InterruptedException {
		long started = System.nanoTime();
		while (Duration.ofNanos(System.nanoTime() - started).toSeconds() < 8) {
			try {
				out.write(' ');
				out.flush();
				Thread.sleep(250);
			}
			catch (IOException ex) {
				return true;
			}
		}
		return false;
	}

}
