package com.usercenter.reliability;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.usercenter.support.Api;
import com.usercenter.support.ApiTestBase;
import com.usercenter.support.InstanceProcess;
import com.usercenter.support.TestDeliveries;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An instance stopped (SIGTERM, as an orchestrator does) while it serves, beside another:
 * requests it is working on finish with their answers, it takes no new ones, and every
 * request it did not take is served by the other instance on the load balancer's retry;
 * no client sees an answer cut off.
 */
class InstanceStopIntegrationTest extends ApiTestBase {

	@Test
	void aStoppedInstanceFinishesWhatItServesAndLeavesTheRestToTheOther() throws Exception {
		String token = newUserToken();
		String prefix = "1361" + String.format("%03d", ThreadLocalRandom.current().nextInt(1000));
		// the SMS provider takes 2 s: code sends are in flight when the stop comes
		TestDeliveries.webhook()
			.stubFor(WireMock.post(TestDeliveries.SMS_PATH)
				.atPriority(1)
				.withRequestBody(WireMock.matchingJsonPath("$.to", WireMock.matching("\\+86" + prefix + "\\d{4}")))
				.willReturn(WireMock.ok().withFixedDelay(2_000)));
		InstanceProcess stopped = InstanceProcess.start("stopped",
				List.of("--usercenter.sms.provider=webhook",
						"--usercenter.sms.webhook.url=" + TestDeliveries.webhookUrl(),
						"--usercenter.sms.webhook.read-timeout=10s", "--usercenter.email.provider=log",
						"--usercenter.token.issuer=http://localhost:" + this.port));
		Api stopping = new Api(stopped.port(), false);
		ExecutorService pool = Executors.newFixedThreadPool(10);
		try {
			assertThat(stopping.get("/api/v1/users/me", token).code()).isEqualTo(200);
			List<Future<Api.Answer>> inFlight = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				String mobile = prefix + String.format("%04d", i);
				inFlight.add(pool.submit(() -> stopping.post("/api/v1/verification-codes",
						java.util.Map.of("channel", "sms", "target", mobile, "purpose", "register"))));
			}
			Queue<String> wrong = new ConcurrentLinkedQueue<>();
			AtomicInteger servedByTheStopped = new AtomicInteger();
			AtomicInteger retriedOnTheOther = new AtomicInteger();
			AtomicBoolean running = new AtomicBoolean(true);
			List<Future<?>> load = new ArrayList<>();
			for (int worker = 0; worker < 4; worker++) {
				load.add(pool.submit(() -> {
					// keep-alive connections of its own, as a load balancer keeps
					HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
					while (running.get()) {
						String answer = meThrough(client, stopped.port(), token, wrong);
						if (answer != null) {
							servedByTheStopped.incrementAndGet();
						}
						else {
							retriedOnTheOther.incrementAndGet();
							Api.Answer retried = api().get("/api/v1/users/me", token);
							if (retried.code() != 200) {
								wrong.add("the retry on the other instance answered " + retried);
							}
						}
					}
					return null;
				}));
			}
			Thread.sleep(700);

			stopped.terminate();
			List<Api.Answer> finished = new ArrayList<>();
			for (Future<Api.Answer> send : inFlight) {
				finished.add(send.get(30, TimeUnit.SECONDS));
			}
			int status = stopped.awaitExit(Duration.ofSeconds(30));
			Thread.sleep(500);
			running.set(false);
			for (Future<?> worker : load) {
				worker.get(30, TimeUnit.SECONDS);
			}

			assertThat(finished).as("requests in flight at the stop finish with their answers")
				.allSatisfy((answer) -> assertThat(answer.code()).as(answer.toString()).isEqualTo(200));
			assertThat(status).as("the stop ends the process within the shutdown period").isNotEqualTo(-1);
			assertThat(wrong).as("answers cut off, or failures other than a refused or unanswered request").isEmpty();
			assertThat(servedByTheStopped.get()).isPositive();
			assertThat(retriedOnTheOther.get()).as("after the stop, requests went to the other instance").isPositive();
		}
		finally {
			pool.shutdownNow();
			stopped.close();
		}
	}

	/**
	 * {@code GET /users/me} through the instance: its answer, or {@code null} when the
	 * request was refused or closed before any answer began (what a load balancer retries
	 * elsewhere); anything else (an answer cut off, a reset after it began, a 5xx) is
	 * recorded as wrong.
	 */
	private static String meThrough(HttpClient client, int port, String token, Queue<String> wrong) {
		try {
			HttpResponse<String> response = client
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/users/me"))
					.header("Authorization", "Bearer " + token)
					.header("X-Forwarded-For", ApiTestBase.newIp())
					.timeout(Duration.ofSeconds(10))
					.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200 || !response.body().startsWith("{\"code\":200")) {
				wrong.add("the stopping instance answered " + response.statusCode() + " " + response.body());
			}
			return response.body();
		}
		catch (ConnectException ex) {
			return null;
		}
		catch (IOException ex) {
			String message = String.valueOf(ex.getMessage());
			if (message.contains("received no bytes") || message.contains("closed locally")) {
				return null;
			}
			wrong.add("failed after the request was taken: " + ex);
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

}
