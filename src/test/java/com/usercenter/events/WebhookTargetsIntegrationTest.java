package com.usercenter.events;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.usercenter.support.Api;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Targets that cannot be turned against the service's own network, with
 * {@code allow-insecure-targets} off as in production: every spelling of an internal
 * address refused when saved, and at delivery a name that resolves to 127.0.0.1, or to a
 * public address first and to 127.0.0.1 next (DNS rebinding, through a resolver the test
 * controls), never reaches the listener on 127.0.0.1.
 */
@TestPropertySource(
		properties = { "usercenter.webhooks.allow-insecure-targets=false", "usercenter.webhooks.connect-timeout=1s" })
@Import(ScriptedResolver.Config.class)
// a context of its own (production's target rules, the scripted resolver), closed after
@DirtiesContext
class WebhookTargetsIntegrationTest extends WebhookTestBase {

	@Autowired
	private WebhookSender sender;

	private ServerSocket listener;

	private final AtomicInteger connections = new AtomicInteger();

	@BeforeEach
	void listenOnLoopback() throws IOException {
		this.listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
		Thread accepting = new Thread(() -> {
			while (!this.listener.isClosed()) {
				try (Socket socket = this.listener.accept()) {
					this.connections.incrementAndGet();
				}
				catch (IOException ex) {
					return;
				}
			}
		}, "loopback-listener");
		accepting.setDaemon(true);
		accepting.start();
	}

	@AfterEach
	void stopListening() throws IOException {
		this.listener.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://127.0.0.1/hook", "http://hooks.example.com/hook", "https://[::1]/hook",
			"https://[::ffff:127.0.0.1]/hook", "https://0x7f.1/hook", "https://2130706433/hook",
			"https://169.254.169.254/latest/meta-data/", "https://10.0.0.1/hook", "https://192.168.0.10/hook",
			"https://[fd00::1]/hook", "https://[fe80::1]/hook", "https://localhost/hook" })
	void anInternalTargetIsRefusedWhenSaved(String url) {
		Map<String, Object> body = new HashMap<>(Map.of("url", url, "events", List.of("*")));

		Api.Answer answer = api().post(WEBHOOKS, body, adminToken());

		assertThat(answer.code()).as(answer.toString()).isEqualTo(40000);
		assertThat(answer.data().path("errors").findValuesAsString("field")).containsExactly("url");
	}

	@Test
	void anInternalTargetIsRefusedWhenChanged() {
		Created created = subscribe("https://hooks.example.com/hook", List.of("*"));

		Api.Answer answer = api().patch(WEBHOOKS + "/" + created.id(), Map.of("url", "https://0x7f.1:8443/hook"),
				adminToken());

		assertThat(answer.code()).as(answer.toString()).isEqualTo(40000);
	}

	@Test
	void aNameThatResolvesToLoopbackIsNeverConnectedTo() {
		ScriptedResolver.INSTANCE.script("loopback.webhook.test", "127.0.0.1");
		String url = "https://loopback.webhook.test:" + this.listener.getLocalPort() + "/hook";

		WebhookSender.Attempt attempt = this.sender.send(url, "msg_1", 1, "v1,x", "{}".getBytes());

		assertThat(attempt.delivered()).isFalse();
		assertThat(attempt.error()).startsWith("refused: ").contains("loopback address 127.0.0.1");
		assertThat(this.connections).hasValue(0);
	}

	@Test
	void aNameRebindingToLoopbackAfterItsCheckIsNeverConnectedTo() {
		// public when looked up first (203.0.113.0/24 answers nothing), loopback from
		// then on
		ScriptedResolver.INSTANCE.script("rebind.webhook.test", "203.0.113.10", "127.0.0.1");
		String url = "https://rebind.webhook.test:" + this.listener.getLocalPort() + "/hook";

		WebhookSender.Attempt first = this.sender.send(url, "msg_1", 1, "v1,x", "{}".getBytes());

		// one lookup for the check and the connection alike: the connection went to the
		// public address, not to a second answer
		assertThat(ScriptedResolver.INSTANCE.lookups("rebind.webhook.test")).isEqualTo(1);
		assertThat(first.delivered()).isFalse();
		assertThat(first.error()).doesNotStartWith("refused");

		WebhookSender.Attempt second = this.sender.send(url, "msg_1", 2, "v1,x", "{}".getBytes());

		assertThat(ScriptedResolver.INSTANCE.lookups("rebind.webhook.test")).isEqualTo(2);
		assertThat(second.error()).startsWith("refused: ").contains("127.0.0.1");
		assertThat(this.connections).hasValue(0);
	}

	@Test
	void aDeliveryToANameThatRebindsNeverReachesLoopback() throws Exception {
		ScriptedResolver.INSTANCE.script("worker.webhook.test", "203.0.113.11", "127.0.0.1");
		Created subscription = subscribe("https://worker.webhook.test:" + this.listener.getLocalPort() + "/hook",
				List.of("*"));

		record(EventType.USER_DISABLED, someUserId(), Map.of());

		// this context's worker alone has the scripted resolver: two lookups are two of
		// its
		// attempts, the second refused (another context of the run may try too, and fail
		// to
		// resolve the name at all)
		await("two attempts", Duration.ofSeconds(20),
				() -> ScriptedResolver.INSTANCE.lookups("worker.webhook.test") >= 2);
		await("the second attempt recorded", Duration.ofSeconds(5),
				() -> deliveries(subscription.id(), "").path("content").get(0).path("attempts").asInt() >= 2);
		assertThat(this.connections).hasValue(0);
		assertThat(deliveries(subscription.id(), "?status=delivered").path("totalElements").asInt()).isZero();
	}

}
