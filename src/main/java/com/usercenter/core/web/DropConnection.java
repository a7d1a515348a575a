package com.usercenter.core.web;

import java.io.IOException;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

import org.springframework.http.HttpHeaders;

/**
 * Tomcat's side of {@link RequestArrival}: how a connection ends when a body was not read
 * to its end. Before the request: tells whether its whole body already sits in Tomcat's
 * buffer (then it cannot be slow); when its address has no place left for a body still
 * arriving, it gives the body a moment to arrive whole first. After the answer:
 * <ul>
 * <li>a body that was too slow, or whose address had no place left, is not read: the
 * connection is closed;</li>
 * <li>any other body answered before it was read to its end (41300, 40101 from the
 * security filters, any early answer) is drained by {@link Lingering}: the answer goes
 * out whole at once, the rest of the body is read and discarded within bounds and without
 * a thread waiting for it, holding one of its address's places among the bodies still
 * arriving (none left: closed at once).</li>
 * </ul>
 * Tomcat's own draining of an unread body would wait for it at whatever pace the client
 * sends it, holding the thread; it is used only where the rest is already in its buffer.
 */
final class DropConnection extends ValveBase {

	/**
	 * How long a body may still take to arrive whole when its address has no place left.
	 */
	private static final long GRACE_MILLIS = 200;

	private final ArrivingBodies bodies;

	private final long lingerMillis;

	private final long lingerBytes;

	private final long lingerMinRate;

	DropConnection(ArrivingBodies bodies, WebSettings settings) {
		super(true);
		this.bodies = bodies;
		this.lingerMillis = settings.lingerTime().toMillis();
		this.lingerBytes = settings.lingerSize().toBytes();
		this.lingerMinRate = settings.lingerMinRate().toBytes();
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		long length = request.getContentLengthLong();
		if (length > 0 && (here(request, length)
				|| (this.bodies.full(ClientIp.addressOf(request)) && hereWithin(request, length, GRACE_MILLIS)))) {
			request.setAttribute(RequestArrival.BODY_HERE, Boolean.TRUE);
		}
		getNext().invoke(request, response);
		if (request.isAsyncStarted()) {
			return;
		}
		if (request.getAttribute(RequestArrival.DROP_CONNECTION) != null) {
			drop(request);
		}
		else if (unreadBodyOnTheWay(request)) {
			linger(request, response);
		}
	}

	private static void drop(Request request) {
		request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
	}

	/**
	 * Whether part of the body has been neither read nor received yet: only then would
	 * Tomcat's draining wait for the client.
	 */
	private static boolean unreadBodyOnTheWay(Request request) {
		long length = request.getContentLengthLong();
		boolean chunked = request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
		if ((length <= 0 && !chunked) || request.getAttribute(RequestArrival.BODY_HERE) != null
				|| request.getCoyoteRequest().isFinished()) {
			return false;
		}
		return chunked || !here(request, length - request.getCoyoteRequest().getBytesRead());
	}

	private void linger(Request request, Response response) throws IOException {
		String client = ClientIp.addressOf(request);
		if (response.isErrorReportRequired() || !this.bodies.enter(client)) {
			// an error page still to come, or no place left for one more body from there
			drop(request);
			return;
		}
		Lingering lingering = null;
		try {
			response.finishResponse();
			AsyncContext async = request.startAsync();
			async.setTimeout(this.lingerMillis);
			lingering = new Lingering(async, request.getCoyoteRequest(), this.lingerBytes, this.lingerMinRate,
					() -> this.bodies.leave(client));
			async.addListener(lingering);
			request.getCoyoteRequest().setReadListener(lingering);
		}
		catch (IllegalStateException ex) {
			// no asynchronous processing here after all: not ours to drain
			if (lingering != null) {
				lingering.end(true);
			}
			else {
				this.bodies.leave(client);
				drop(request);
			}
		}
	}

	/**
	 * Whether this much more of the body is in Tomcat's buffer, taking in without
	 * blocking what the socket already has: many clients send the body in a packet after
	 * the headers.
	 */
	private static boolean here(Request request, long length) {
		request.getCoyoteRequest().action(ActionCode.AVAILABLE, Boolean.TRUE);
		return request.getCoyoteRequest().getAvailable() >= length;
	}

	private static boolean hereWithin(Request request, long length, long millis) {
		long deadline = System.nanoTime() + millis * 1_000_000;
		while (System.nanoTime() < deadline) {
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
			if (here(request, length)) {
				return true;
			}
		}
		return false;
	}

}
