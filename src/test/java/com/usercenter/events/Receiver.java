package com.usercenter.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.usercenter.support.Api;
import tools.jackson.databind.JsonNode;

/**
 * A webhook subscriber for tests: a real HTTP server on 127.0.0.1 that records every
 * request and answers, per path, what the test scripted for its n-th request (200 at once
 * by default), each request on a thread of its own so one that hangs holds up no other.
 */
final class Receiver implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final Map<String, IntFunction<Reply>> replies = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

	private Receiver(HttpServer server) {
		this.server = server;
	}

	static Receiver start() throws IOException {
		Receiver receiver = new Receiver(
				HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
		receiver.server.createContext("/", receiver::handle);
		receiver.server.setExecutor(receiver.threads);
		receiver.server.start();
		return receiver;
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	/** What the n-th request (1 for the first) to this path gets. */
	void answer(String path, IntFunction<Reply> reply) {
		this.replies.put(path, reply);
	}

	List<Request> to(String path) {
		return this.requests.stream().filter((request) -> request.path().equals(path)).toList();
	}

	List<Request> all() {
		return List.copyOf(this.requests);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			String path = exchange.getRequestURI().getPath();
			Map<String, String> headers = exchange.getRequestHeaders()
				.entrySet()
				.stream()
				.collect(Collectors.toMap((entry) -> entry.getKey().toLowerCase(Locale.ROOT),
						(entry) -> String.join(",", entry.getValue()), (a, b) -> a));
			int n = this.counts.computeIfAbsent(path, (key) -> new AtomicInteger()).incrementAndGet();
			this.requests.add(new Request(path, exchange.getRequestMethod(), headers, body, Instant.now(), n));
			Reply reply = this.replies.getOrDefault(path, (count) -> Reply.ok()).apply(n);
			if (reply.delayMillis() > 0) {
				Thread.sleep(reply.delayMillis());
			}
			if (reply.location() != null) {
				exchange.getResponseHeaders().add("Location", reply.location());
			}
			byte[] answer = reply.body().getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(reply.status(), (answer.length == 0) ? -1 : answer.length);
			if (answer.length > 0) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(answer);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.threads.shutdownNow();
	}

	record Request(String path, String method, Map<String, String> headers, byte[] body, Instant at, int n) {

		String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

		JsonNode json() {
			return Api.JSON.readTree(this.body);
		}

		String bodyText() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

	}

	record Reply(int status, long delayMillis, String location, String body) {

		static Reply ok() {
			return new Reply(200, 0, null, "");
		}

		static Reply status(int status) {
			return new Reply(status, 0, null, "");
		}

		static Reply after(long delayMillis, int status) {
			return new Reply(status, delayMillis, null, "");
		}

		static Reply redirect(String location) {
			return new Reply(302, 0, location, "");
		}

	}

}
