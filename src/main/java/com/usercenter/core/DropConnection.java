package com.usercenter.core;

import java.io.IOException;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's side of {@link RequestArrival}. Before the request: tells whether its whole
 * body already sits in Tomcat's buffer (then it cannot be slow); when its address has no
 * place left for a body still arriving, it gives the body a moment to arrive whole first.
 * After the answer to a request that was refused or timed out: closes the connection
 * instead of reading the rest of its body, which Tomcat otherwise drains before the next
 * request at whatever pace the client sends it, holding the thread.
 */
final class DropConnection extends ValveBase {

	/**
	 * How long a body may still take to arrive whole when its address has no place left.
	 */
	private static final long GRACE_MILLIS = 200;

	private final ArrivingBodies bodies;

	DropConnection(ArrivingBodies bodies) {
		super(true);
		this.bodies = bodies;
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		long length = request.getContentLengthLong();
		if (length > 0 && (here(request, length)
				|| (this.bodies.full(ClientIp.addressOf(request)) && hereWithin(request, length, GRACE_MILLIS)))) {
			request.setAttribute(RequestArrival.BODY_HERE, Boolean.TRUE);
		}
		getNext().invoke(request, response);
		if (request.getAttribute(RequestArrival.DROP_CONNECTION) != null) {
			request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
		}
	}

	/**
	 * Whether the whole body is in Tomcat's buffer, taking in without blocking what the
	 * socket already has: many clients send the body in a packet after the headers.
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
