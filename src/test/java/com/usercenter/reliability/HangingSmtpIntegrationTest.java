package com.usercenter.reliability;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import com.usercenter.limit.Limiter;
import com.usercenter.support.Api;
import com.usercenter.support.Api.Call;
import com.usercenter.support.TestClock;
import com.usercenter.support.TestDatabase;
import com.usercenter.support.TestSecrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An SMTP server that accepts connections and never says a word: the send is cut off by
 * the mail time limits, answers 50200, is not counted, and other requests are not slowed
 * meanwhile.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "logging.structured.format.console=", "usercenter.sms.provider=log",
				"usercenter.email.provider=smtp", "spring.mail.host=127.0.0.1",
				"spring.mail.properties.mail.smtp.connectiontimeout=1000",
				"spring.mail.properties.mail.smtp.timeout=1000", "spring.mail.properties.mail.smtp.writetimeout=1000" })
@Import(TestClock.Config.class)
// a context of its own: closed after the class, so its connections go back to PostgreSQL
@DirtiesContext
class HangingSmtpIntegrationTest {

	private static ServerSocket silent;

	private static final List<Socket> held = new CopyOnWriteArrayList<>();

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private Limiter limiter;

	@DynamicPropertySource
	static void silentSmtp(DynamicPropertyRegistry registry) throws IOException {
		silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(() -> {
			while (!silent.isClosed()) {
				try {
					held.add(silent.accept());
				}
				catch (IOException ex) {
					return;
				}
			}
		}, "silent-smtp");
		acceptor.setDaemon(true);
		acceptor.start();
		registry.add("spring.mail.port", silent::getLocalPort);
		registry.add("spring.datasource.url", () -> TestDatabase.get().url());
		registry.add("spring.datasource.username", () -> TestDatabase.get().username());
		registry.add("spring.datasource.password", () -> TestDatabase.get().password());
		registry.add("usercenter.crypto.master-key", TestSecrets::masterKey);
	}

	@AfterAll
	static void closeServer() throws IOException {
		silent.close();
		for (Socket socket : held) {
			socket.close();
		}
	}

	@Test
	void hangingSmtpAnswers50200InBoundedTimeAndSlowsNothingElse() throws Exception {
		Api api = new Api(this.port);
		api.send(Call.of("GET", "/api/v1/hobbies"));
		String email = "hang-" + System.nanoTime() + "@example.com";
		long started = System.nanoTime();

		CompletableFuture<Api.Answer> sending = CompletableFuture.supplyAsync(() -> api
			.post("/api/v1/verification-codes", Map.of("channel", "email", "target", email, "purpose", "login")));
		Thread.sleep(200);
		long otherStarted = System.nanoTime();
		Api.Answer other = api.send(Call.of("GET", "/api/v1/hobbies"));
		Duration otherTook = Duration.ofNanos(System.nanoTime() - otherStarted);
		boolean sendStillHanging = !sending.isDone();
		Api.Answer sent = sending.get();
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(sent.status()).isEqualTo(502);
		assertThat(sent.code()).isEqualTo(50200);
		assertThat(took).isLessThan(Duration.ofSeconds(5));
		assertThat(other.code()).isEqualTo(200);
		assertThat(sendStillHanging).as("another request finished while the send hung (%s)", otherTook).isTrue();
		assertThat(this.jdbc.sql("select count(*) from rate_limit where key = ? and hits > 0")
			.param(this.limiter.storedKey(email))
			.query(Long.class)
			.single()).as("a failed send is not counted").isZero();
	}

}
