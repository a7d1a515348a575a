package com.usercenter.reliability;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import com.usercenter.limit.Limiter;
import com.usercenter.support.Api;
import com.usercenter.support.Api.Call;
import com.usercenter.support.ApiTestBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An SMTP server that accepts connections and never says a word: the send is cut off by
 * the mail time limits, answers 50200, is not counted, and other requests are not slowed
 * meanwhile. Runs in the shared application: for the test's time, the mail sender talks
 * to the silent server with 1-second limits (as {@code spring.mail.port} and
 * {@code spring.mail.properties.mail.smtp.*timeout} would set them), then goes back to
 * the test SMTP server.
 */
class HangingSmtpIntegrationTest extends ApiTestBase {

	private final List<Socket> held = new CopyOnWriteArrayList<>();

	private ServerSocket silent;

	private int mailPort;

	private Properties mailProperties;

	@Autowired
	private JavaMailSenderImpl mail;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private Limiter limiter;

	@BeforeEach
	void mailGoesToASilentServer() throws IOException {
		this.silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(() -> {
			while (!this.silent.isClosed()) {
				try {
					this.held.add(this.silent.accept());
				}
				catch (IOException ex) {
					return;
				}
			}
		}, "silent-smtp");
		acceptor.setDaemon(true);
		acceptor.start();
		this.mailPort = this.mail.getPort();
		this.mailProperties = this.mail.getJavaMailProperties();
		Properties limits = new Properties();
		limits.putAll(this.mailProperties);
		limits.put("mail.smtp.connectiontimeout", "1000");
		limits.put("mail.smtp.timeout", "1000");
		limits.put("mail.smtp.writetimeout", "1000");
		this.mail.setJavaMailProperties(limits);
		this.mail.setPort(this.silent.getLocalPort());
	}

	@AfterEach
	void mailGoesBackToTheTestServer() throws IOException {
		this.mail.setPort(this.mailPort);
		this.mail.setJavaMailProperties(this.mailProperties);
		this.silent.close();
		for (Socket socket : this.held) {
			socket.close();
		}
	}

	@Test
	void hangingSmtpAnswers50200InBoundedTimeAndSlowsNothingElse() throws Exception {
		Api api = api();
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
