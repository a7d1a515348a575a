package com.usercenter.support;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.JsonNode;

/**
 * Real delivery channels for the test run, started once per JVM: a WireMock server that
 * receives the SMS webhook and a GreenMail SMTP server. Tests read the codes the service
 * sent from them.
 */
public final class TestDeliveries {

	public static final String SMS_PATH = "/sms";

	private static WireMockServer webhook;

	private static GreenMail smtp;

	private TestDeliveries() {
	}

	public static synchronized WireMockServer webhook() {
		if (webhook == null) {
			webhook = new WireMockServer(WireMockConfiguration.options()
				.dynamicPort()
				.containerThreads(100)
				.extensions(new FakeCloud.AliyunRpc(), new FakeCloud.TencentTc3()));
			webhook.start();
			webhook.stubFor(WireMock.post(SMS_PATH).atPriority(10).willReturn(WireMock.ok()));
			warmUp(webhook);
			Runtime.getRuntime().addShutdownHook(new Thread(webhook::stop));
		}
		return webhook;
	}

	/**
	 * A few calls before the service makes its first: on a busy machine the first request
	 * a cold WireMock answers took over the service's 2 s read timeout (a 50200 in a test
	 * that only wanted a code).
	 */
	private static void warmUp(WireMockServer server) {
		server.stubFor(WireMock.post("/warm-up").willReturn(WireMock.ok()));
		java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
			.version(java.net.http.HttpClient.Version.HTTP_1_1)
			.build();
		for (int i = 0; i < 5; i++) {
			try {
				client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl() + "/warm-up"))
					.POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"to\":\"+8613800000000\"}"))
					.header("Content-Type", "application/json")
					.build(), java.net.http.HttpResponse.BodyHandlers.discarding());
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		server.resetRequests();
	}

	public static synchronized GreenMail smtp() {
		if (smtp == null) {
			smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
			smtp.start();
			Runtime.getRuntime().addShutdownHook(new Thread(smtp::stop));
		}
		return smtp;
	}

	public static String webhookUrl() {
		return "http://127.0.0.1:" + webhook().port() + SMS_PATH;
	}

	/**
	 * The fake WeChat, Weibo and QQ APIs live on the same WireMock server, at their real
	 * paths.
	 */
	public static String providersUrl() {
		return "http://127.0.0.1:" + webhook().port();
	}

	public static int smtpPort() {
		return smtp().getSmtp().getPort();
	}

	/** Every webhook payload sent to this number, oldest first. */
	public static List<JsonNode> smsTo(String e164) {
		List<LoggedRequest> requests = webhook().findAll(WireMock.postRequestedFor(WireMock.urlEqualTo(SMS_PATH)));
		return requests.stream()
			.map((request) -> Api.JSON.readTree(request.getBodyAsString()))
			.filter((body) -> e164.equals(body.path("to").asString()))
			.toList();
	}

	/**
	 * The code of the next SMS to this number after {@code before} had arrived: reset
	 * codes are delivered after the answer, so this waits for it (5 s at most).
	 */
	public static String awaitSmsCode(String e164, int before) {
		long deadline = System.nanoTime() + 5_000_000_000L;
		while (smsTo(e164).size() <= before && System.nanoTime() < deadline) {
			pause();
		}
		return lastSmsCode(e164);
	}

	/** The same for email. */
	public static String awaitEmailCode(String address, int before) {
		long deadline = System.nanoTime() + 5_000_000_000L;
		while (emailsTo(address).size() <= before && System.nanoTime() < deadline) {
			pause();
		}
		return lastEmailCode(address);
	}

	private static void pause() {
		try {
			Thread.sleep(20);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public static String lastSmsCode(String e164) {
		String code = lastCodeIn(smsTo(e164), e164);
		SensitiveValues.add(code);
		return code;
	}

	private static String lastCodeIn(List<JsonNode> sent, String e164) {
		if (sent.isEmpty()) {
			throw new AssertionError("No SMS was sent to " + e164);
		}
		return sent.get(sent.size() - 1).path("code").asString();
	}

	/**
	 * The last code sent to this number, forgetting every SMS it was sent, so a long run
	 * does not grow the journal.
	 */
	public static String takeSmsCode(String e164) {
		String code = lastCodeIn(smsTo(e164), e164);
		webhook().removeServeEventsMatching(WireMock.postRequestedFor(WireMock.urlEqualTo(SMS_PATH))
			.withRequestBody(WireMock.matchingJsonPath("$.to", WireMock.equalTo(e164)))
			.build());
		return code;
	}

	/** Every email delivered to this address, oldest first. */
	public static List<MimeMessage> emailsTo(String address) {
		return Arrays.stream(smtp().getReceivedMessages()).filter((message) -> {
			try {
				return Arrays.stream(message.getAllRecipients())
					.anyMatch((r) -> r.toString().equalsIgnoreCase(address));
			}
			catch (Exception ex) {
				return false;
			}
		}).toList();
	}

	/** The decoded text of a plain-text email. */
	public static String textOf(MimeMessage message) {
		try {
			return message.getContent().toString();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static String lastEmailCode(String address) {
		List<MimeMessage> sent = emailsTo(address);
		if (sent.isEmpty()) {
			throw new AssertionError("No email was sent to " + address);
		}
		Matcher matcher = Pattern.compile("(\\d{6})").matcher(textOf(sent.get(sent.size() - 1)));
		if (!matcher.find()) {
			throw new AssertionError("No code in the email to " + address);
		}
		SensitiveValues.add(matcher.group(1));
		return matcher.group(1);
	}

}
