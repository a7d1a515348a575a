package com.usercenter.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.usercenter.support.Api;
import com.usercenter.support.Api.Call;
import com.usercenter.support.ApiTestBase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What arrives before any controller runs: bodies that trickle in, forms a web page can
 * send without asking, HTTP versions that do not exist. Every answer is the envelope, in
 * the caller's language.
 */
class HostileTransportIntegrationTest extends ApiTestBase {

	@Test
	void bodiesTricklingInCannotHoldTheServersThreads() throws Exception {
		String ip = newIp();
		List<Socket> slow = new ArrayList<>();
		long opened = System.nanoTime();
		try {
			for (int i = 0; i < 40; i++) {
				Socket socket = new Socket("127.0.0.1", this.port);
				socket.setSoTimeout(100);
				socket.getOutputStream()
					.write(("POST /api/v1/auth/login/password HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: " + ip
							+ "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
						.getBytes(StandardCharsets.US_ASCII));
				slow.add(socket);
			}
			Thread.sleep(500);

			long started = System.nanoTime();
			Api.Answer post = api().send(Call.of("POST", "/api/v1/auth/login/password")
				.json(Map.of("account", "nobody-" + unique(), "password", "Wrong-passw0rd"))
				.from(ip));
			Api.Answer get = api().send(Call.of("GET", "/api/v1/hobbies").from(ip));
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			List<String> early = statusLines(slow);

			assertThat(post.code()).as("a whole body from the same address is served").isEqualTo(40102);
			assertThat(get.code()).isEqualTo(200);
			assertThat(took).isLessThan(Duration.ofSeconds(1));
			assertThat(early.stream().filter((line) -> line.contains(" 429"))).as("refused without waiting")
				.hasSize(24);

			// past the 3 s the body may take, within the 5 s one read may wait
			Thread.sleep(Math.max(0, 3_500 - Duration.ofNanos(System.nanoTime() - opened).toMillis()));
			for (Socket socket : slow) {
				trickle(socket);
				socket.setSoTimeout(2_000);
			}
			List<String> late = statusLines(slow);
			assertThat(late.stream().filter((line) -> line.contains(" 408")))
				.as("cut off when the body is not there in time")
				.hasSize(16);
			assertThat(slow).allSatisfy((socket) -> assertThat(closedByServer(socket)).isTrue());
		}
		finally {
			for (Socket socket : slow) {
				socket.close();
			}
		}
	}

	@Test
	void theBodiesOfOneIpv6SubscriberCountTogether() throws Exception {
		String subscriber = "2001:db8:" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0xffff)) + ":4::";
		List<Socket> slow = new ArrayList<>();
		try {
			for (int i = 1; i <= 16; i++) {
				slow.add(slowBody(subscriber + Integer.toHexString(i)));
			}
			Thread.sleep(300);
			Socket another = slowBody(subscriber + "ff");
			slow.add(another);
			another.setSoTimeout(1_500);

			assertThat(firstLine(another)).as("an address of the same /64 has no place left").contains(" 429");
		}
		finally {
			for (Socket socket : slow) {
				socket.close();
			}
		}
	}

	@Test
	void aBodyWithNoPlaceLeftIsRefusedUnreadWithRetryAfterAndItsRequestId() throws Exception {
		String ip = newIp();
		List<Socket> slow = new ArrayList<>();
		try {
			for (int i = 0; i < 16; i++) {
				slow.add(slowBody(ip));
			}
			Thread.sleep(300);
			try (Socket another = new Socket("127.0.0.1", this.port)) {
				another.setSoTimeout(2_000);
				another.getOutputStream()
					.write(("POST /api/v1/auth/login/password HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: " + ip
							+ "\r\nX-Request-Id: no-place-left\r\nContent-Type: application/json\r\n"
							+ "Content-Length: 1000\r\n\r\n{")
						.getBytes(StandardCharsets.US_ASCII));

				String answer = answer(another).toLowerCase(java.util.Locale.ROOT);

				assertThat(answer).startsWith("http/1.1 429")
					.contains("retry-after: 1\r\n")
					.contains("x-request-id: no-place-left\r\n")
					.contains("connection: close\r\n")
					.contains("\"code\":42900")
					.contains("\"traceid\":\"no-place-left\"");
			}
		}
		finally {
			for (Socket socket : slow) {
				socket.close();
			}
		}
	}

	/** Everything the server sends until it closes the connection or goes quiet. */
	private static String answer(Socket socket) throws IOException {
		StringBuilder answer = new StringBuilder();
		byte[] buffer = new byte[4096];
		try {
			for (int n; (n = socket.getInputStream().read(buffer)) > 0;) {
				answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
			}
		}
		catch (SocketTimeoutException ex) {
			// what arrived is the answer
		}
		return answer.toString();
	}

	private Socket slowBody(String ip) throws IOException {
		Socket socket = new Socket("127.0.0.1", this.port);
		socket.setSoTimeout(100);
		socket.getOutputStream()
			.write(("POST /api/v1/auth/login/password HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: " + ip
					+ "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
				.getBytes(StandardCharsets.US_ASCII));
		return socket;
	}

	@Test
	void formBodiesAreRefusedOutsideTheTenantApi() {
		Api.Answer app = api().send(Call.of("POST", "/api/v1/verification-codes")
			.body("channel=sms&target=13800138000&purpose=login".getBytes(StandardCharsets.UTF_8),
					"application/x-www-form-urlencoded"));
		Api.Answer admin = api().send(Call.of("POST", "/api/v1/admin/tenants")
			.body("name=web-page".getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded")
			.bearer(adminToken()));

		assertThat(app.status()).isEqualTo(415);
		assertThat(app.code()).isEqualTo(41500);
		assertThat(admin.code()).isEqualTo(41500);
	}

	@Test
	void anHttpVersionThatDoesNotExistAnswers50500() throws Exception {
		String answer = raw("GET /api/v1/hobbies HTTP/9.9\r\nHost: localhost\r\n\r\n");

		assertThat(answer).startsWith("HTTP/1.1 505").contains("\"code\":50500").contains("不支持的 HTTP 版本");
	}

	@Test
	void answersWrittenBeforeAnyControllerAreInTheCallersLanguage() throws Exception {
		String tooLarge = raw("POST /api/v1/auth/login/password HTTP/1.1\r\nHost: localhost\r\n"
				+ "Content-Type: application/json\r\nContent-Length: 999999\r\nConnection: close\r\n\r\n");
		String tooLargeEn = raw(
				"POST /api/v1/auth/login/password HTTP/1.1\r\nHost: localhost\r\nAccept-Language: en\r\n"
						+ "Content-Type: application/json\r\nContent-Length: 999999\r\nConnection: close\r\n\r\n");

		assertThat(tooLarge).contains("\"code\":41300").contains("请求体过大");
		assertThat(tooLargeEn).contains("\"code\":41300").contains("Payload too large");
	}

	private String raw(String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(5_000);
			socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
			InputStream in = socket.getInputStream();
			byte[] buffer = new byte[4096];
			StringBuilder answer = new StringBuilder();
			try {
				for (int n; (n = in.read(buffer)) > 0;) {
					answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
					if (answer.indexOf("}") > 0) {
						break;
					}
				}
			}
			catch (SocketTimeoutException ex) {
				// what arrived is the answer
			}
			return answer.toString();
		}
	}

	private static List<String> statusLines(List<Socket> sockets) throws IOException {
		List<String> lines = new ArrayList<>();
		for (Socket socket : sockets) {
			lines.add(firstLine(socket));
		}
		return lines;
	}

	private static String firstLine(Socket socket) throws IOException {
		try {
			byte[] buffer = new byte[12];
			int n = socket.getInputStream().read(buffer);
			return (n > 0) ? new String(buffer, 0, n, StandardCharsets.US_ASCII) : "closed";
		}
		catch (SocketTimeoutException ex) {
			return "waiting";
		}
		catch (IOException ex) {
			return "reset";
		}
	}

	private static void trickle(Socket socket) {
		try {
			OutputStream out = socket.getOutputStream();
			out.write(' ');
			out.flush();
		}
		catch (IOException ex) {
			// closed already
		}
	}

	private static boolean closedByServer(Socket socket) {
		try {
			socket.setSoTimeout(2_000);
			byte[] buffer = new byte[8192];
			while (true) {
				if (socket.getInputStream().read(buffer) < 0) {
					return true;
				}
			}
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

}
