package com.usercenter.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import org.springframework.stereotype.Component;

/**
 * Sends one webhook request (Apache HttpClient 5): through {@link GuardedDnsResolver}
 * only, so the connection goes to an address that was checked and to no other (TLS still
 * verifies the certificate against the URL's host name); no redirect followed (a 3xx is a
 * failed attempt); no retry of its own; no proxy; a connect timeout and one deadline over
 * the whole attempt, after which the request is aborted wherever it is; and at most 64
 * KiB of the answer read, the rest dropped with the connection.
 */
@Component
class WebhookSender implements AutoCloseable {

	static final int MAX_ANSWER_BYTES = 64 * 1024;

	private final CloseableHttpClient client;

	private final ScheduledExecutorService deadlines;

	private final long deadlineMillis;

	WebhookSender(WebhookSettings settings, TargetResolver resolver) {
		Timeout deadline = Timeout.of(settings.deadline());
		this.deadlineMillis = settings.deadline().toMillis();
		this.client = HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setDnsResolver(new GuardedDnsResolver(resolver, settings.allowInsecureTargets()))
				.setDefaultConnectionConfig(ConnectionConfig.custom()
					.setConnectTimeout(Timeout.of(settings.connectTimeout()))
					.setSocketTimeout(deadline)
					.setTimeToLive(TimeValue.ofMinutes(5))
					.build())
				.setDefaultTlsConfig(TlsConfig.custom().setHandshakeTimeout(deadline).build())
				// every subscriber may share one host: the limits per subscription are
				// the
				// dispatcher's
				.setMaxConnTotal(settings.maxInFlight())
				.setMaxConnPerRoute(settings.maxInFlight())
				.build())
			.setDefaultRequestConfig(RequestConfig.custom()
				.setResponseTimeout(deadline)
				.setConnectionRequestTimeout(deadline)
				.setRedirectsEnabled(false)
				.build())
			.disableRedirectHandling()
			.disableAutomaticRetries()
			.disableCookieManagement()
			.disableAuthCaching()
			.disableContentCompression()
			.evictIdleConnections(TimeValue.ofSeconds(30))
			.setUserAgent("UserCenter-Webhooks/1")
			.build();
		ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "webhook-deadlines");
			thread.setDaemon(true);
			return thread;
		});
		timer.setRemoveOnCancelPolicy(true);
		this.deadlines = timer;
	}

	/** One attempt: POSTs the body with the headers and answers what came of it. */
	Attempt send(String url, String id, long timestamp, String signature, byte[] body) {
		HttpPost post;
		try {
			post = new HttpPost(URI.create(url));
		}
		catch (IllegalArgumentException ex) {
			return Attempt.error("not a URL");
		}
		post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
		post.setHeader("webhook-id", id);
		post.setHeader("webhook-timestamp", Long.toString(timestamp));
		post.setHeader("webhook-signature", signature);
		ScheduledFuture<?> deadline = this.deadlines.schedule(post::cancel, this.deadlineMillis, TimeUnit.MILLISECONDS);
		try (ClassicHttpResponse response = this.client.executeOpen(null, post, null)) {
			int status = response.getCode();
			drop(response.getEntity(), post);
			return new Attempt(status, (status >= 200 && status < 300) ? null : "answered " + status);
		}
		catch (IOException ex) {
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof GuardedDnsResolver.RefusedTarget refused) {
					return Attempt.error("refused: " + refused.getMessage());
				}
			}
			if (post.isCancelled() || ex instanceof InterruptedIOException) {
				return Attempt.error("no answer within " + this.deadlineMillis / 1000 + " s");
			}
			return Attempt.error(ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
		finally {
			deadline.cancel(false);
		}
	}

	/**
	 * Reads at most {@value #MAX_ANSWER_BYTES} bytes of the answer; a longer one is cut
	 * off by aborting the request, which drops the connection instead of reading on.
	 */
	private static void drop(HttpEntity entity, HttpPost post) throws IOException {
		if (entity == null) {
			return;
		}
		InputStream in = entity.getContent();
		if (in == null) {
			return;
		}
		in.readNBytes(MAX_ANSWER_BYTES);
		if (in.read() != -1) {
			post.cancel();
		}
		else {
			in.close();
		}
	}

	@Override
	public void close() throws IOException {
		this.deadlines.shutdownNow();
		this.client.close();
	}

	/**
	 * What one attempt came to: the HTTP status (0 when there was no answer) and why it
	 * failed (null when delivered).
	 */
	record Attempt(int status, String error) {

		static Attempt error(String error) {
			return new Attempt(0, (error.length() > 200) ? error.substring(0, 200) : error);
		}

		boolean delivered() {
			return this.status >= 200 && this.status < 300;
		}

	}

}
