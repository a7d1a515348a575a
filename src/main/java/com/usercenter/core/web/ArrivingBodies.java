package com.usercenter.core.web;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.WebUtils;

/**
 * Request bodies from their first byte to the end of their connection, in one component:
 * what a body may cost before any work starts, and how its connection ends when it was
 * answered before it was read. On JDK 17 a body being read holds a server thread, so
 * without these bounds a few hundred connections trickling a byte every few seconds would
 * hold every thread.
 * <ul>
 * <li>Its size: 41300 by {@code Content-Length} before reading and by counting otherwise
 * (multipart uploads have their own, larger limit). The app and admin APIs take JSON (and
 * the avatar upload multipart): a form body there answers 41500, so a web page cannot
 * make a visitor's browser call them without a CORS preflight. Only the tenant API reads
 * forms.</li>
 * <li>Its time: 40800 past {@code usercenter.web.body-timeout} in all; each read waits at
 * most Tomcat's connection timeout.</li>
 * <li>Its place: a body whose whole self came with the headers holds nobody up; any other
 * takes one of its client address's {@code usercenter.web.bodies-in-flight-per-ip} places
 * until it has arrived, and with none left it answers 42900 unread, unless it arrives
 * whole within a moment.</li>
 * <li>After the answer: a body that was too slow, or had no place, is not read: the
 * connection is closed. Any other body answered before it was read to its end (41300,
 * 40101 from the security filters, any early answer) is drained by {@link Lingering}: the
 * answer goes out whole at once, the rest of the body is read and discarded within bounds
 * and without a thread waiting for it, holding one of its address's places (none left:
 * closed at once). Tomcat's own draining would wait for the body at whatever pace the
 * client sends it, holding the thread; it is used only where the rest is already in its
 * buffer.</li>
 * </ul>
 * It works at two points, and hands itself one typed value between them: its
 * {@link #valve() valve}, first and last in Tomcat's pipeline, makes the request an
 * {@link Arrival} (what the application reads the body through) and ends the connection
 * after the answer; its {@link #admission() filter}, after the request id and access log
 * and before the security filters, admits or refuses the body, by throwing a fact that
 * the {@link com.usercenter.core.errors.PreControllerErrors} answer.
 */
@Component
class ArrivingBodies {

	/**
	 * How long a body may still take to arrive whole when its address has no place left.
	 */
	private static final long GRACE_NANOS = 200_000_000L;

	/** The longest pause between two looks at a body given that moment. */
	private static final long LONGEST_PAUSE_MILLIS = 32;

	private final WebSettings settings;

	private final ConcurrentHashMap<String, AtomicInteger> arriving = new ConcurrentHashMap<>();

	ArrivingBodies(WebSettings settings) {
		this.settings = settings;
	}

	/** Tomcat's side: before the application sees the request, and after its answer. */
	Valve valve() {
		return new Connections();
	}

	/** The filter that admits or refuses a body before anything reads it. */
	OncePerRequestFilter admission() {
		return new Admission();
	}

	WebSettings settings() {
		return this.settings;
	}

	/** Takes a place for one more body from this address; false when it has none left. */
	boolean enter(String client) {
		AtomicInteger count = this.arriving.computeIfAbsent(client, (key) -> new AtomicInteger());
		if (count.incrementAndGet() > this.settings.bodiesInFlightPerIp()) {
			leave(client);
			return false;
		}
		return true;
	}

	void leave(String client) {
		this.arriving.computeIfPresent(client, (key, count) -> (count.decrementAndGet() <= 0) ? null : count);
	}

	/**
	 * Whether this much more of the body is in Tomcat's buffer, taking in without
	 * blocking what the socket already has: many clients send the body in a packet after
	 * the headers.
	 */
	static boolean here(Request request, long length) {
		request.getCoyoteRequest().action(ActionCode.AVAILABLE, Boolean.TRUE);
		return request.getCoyoteRequest().getAvailable() >= length;
	}

	/**
	 * Whether the body arrives whole within the grace: a body sent in a packet of its own
	 * may trail its headers by a round trip (Nagle's algorithm against a delayed
	 * acknowledgement). Tomcat gives a synchronous request no wait for bytes shorter than
	 * its connection timeout (and an asynchronous one would be dispatched anew through
	 * every filter), so this looks again after pauses that double, 200 ms in all.
	 */
	static boolean hereWithin(Request request, long length) {
		long deadline = System.nanoTime() + GRACE_NANOS;
		for (long pause = 1; System.nanoTime() - deadline < 0; pause = Math.min(pause * 2, LONGEST_PAUSE_MILLIS)) {
			if (here(request, length)) {
				return true;
			}
			try {
				Thread.sleep(Math.max(1, Math.min(pause, (deadline - System.nanoTime()) / 1_000_000)));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return here(request, length);
	}

	/** The connection is closed after the answer, without reading the rest. */
	static void drop(Request request) {
		request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
	}

	private final class Connections extends ValveBase {

		Connections() {
			super(true);
		}

		@Override
		public void invoke(Request request, Response response) throws IOException, ServletException {
			if (!Arrival.declaresBody(request)) {
				getNext().invoke(request, response);
				return;
			}
			Arrival arrival = new Arrival(request, response.getResponse(), ArrivingBodies.this);
			request.setRequest(arrival);
			getNext().invoke(request, response);
			if (request.isAsyncStarted()) {
				return;
			}
			if (arrival.dropped()) {
				drop(request);
			}
			else if (unreadBodyOnTheWay(request, arrival)) {
				linger(request, response);
			}
		}

		/**
		 * Whether part of the body has been neither read nor received yet: only then
		 * would Tomcat's draining wait for the client.
		 */
		private static boolean unreadBodyOnTheWay(Request request, Arrival arrival) {
			long length = request.getContentLengthLong();
			if (arrival.inBuffer() || request.getCoyoteRequest().isFinished()) {
				return false;
			}
			return arrival.chunked() || !here(request, length - request.getCoyoteRequest().getBytesRead());
		}

		private void linger(Request request, Response response) throws IOException {
			String client = ClientIp.addressOf(request);
			if (response.isErrorReportRequired() || !enter(client)) {
				// an error page still to come, or no place left for one more body from
				// there
				drop(request);
				return;
			}
			Lingering lingering = null;
			try {
				response.finishResponse();
				AsyncContext async = request.startAsync();
				async.setTimeout(ArrivingBodies.this.settings.lingerTime().toMillis());
				lingering = new Lingering(async, request.getCoyoteRequest(),
						ArrivingBodies.this.settings.lingerSize().toBytes(),
						ArrivingBodies.this.settings.lingerMinRate().toBytes(), () -> leave(client));
				async.addListener(lingering);
				request.getCoyoteRequest().setReadListener(lingering);
			}
			catch (IllegalStateException ex) {
				// no asynchronous processing here after all: not ours to drain
				if (lingering != null) {
					lingering.end(true);
				}
				else {
					leave(client);
					drop(request);
				}
			}
		}

	}

	private static final class Admission extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			Arrival arrival = WebUtils.getNativeRequest(request, Arrival.class);
			if (arrival == null) {
				if (Arrival.declaresBody(request)) {
					throw new IllegalStateException("A body that did not come through Tomcat's valve");
				}
				chain.doFilter(request, response);
				return;
			}
			arrival.admit();
			try {
				chain.doFilter(request, response);
			}
			finally {
				arrival.arrived();
			}
		}

		@Override
		protected boolean shouldNotFilterAsyncDispatch() {
			return true;
		}

	}

}
