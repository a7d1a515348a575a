package com.usercenter.core.web;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.RetryAfter;
import com.usercenter.core.errors.EnvelopeResponder;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds what a request body may cost before any work starts, in one place: its size
 * (41300, by {@code Content-Length} before reading and by counting otherwise; multipart
 * uploads have their own, larger limit), how long it may take to arrive in all (40800
 * past {@code usercenter.web.body-timeout}; each read waits at most Tomcat's connection
 * timeout), and how many bodies one client address may be sending at once (42900 past
 * {@code usercenter.web.bodies-in-flight-per-ip}, answered without reading). On JDK 17 a
 * body being read holds a server thread, so without the last two a few hundred
 * connections trickling a byte every few seconds would hold every thread. What is left of
 * a body after its answer is {@link DropConnection}'s. The app and admin APIs take JSON
 * (and the avatar upload multipart); a form body there answers 41500, so a web page
 * cannot make a visitor's browser call them without a CORS preflight. Only the tenant API
 * reads forms.
 */
final class RequestArrival extends OncePerRequestFilter {

	/**
	 * Set on a request whose body is not to be read after the answer (too slow, or no
	 * place left for it): {@link DropConnection} closes the connection instead of waiting
	 * for the rest.
	 */
	static final String DROP_CONNECTION = RequestArrival.class.getName() + ".drop";

	/**
	 * Set by {@link DropConnection} on a request whose whole body came with its headers.
	 */
	static final String BODY_HERE = RequestArrival.class.getName() + ".here";

	private final long maxBody;

	private final long maxMultipart;

	private final long timeoutNanos;

	private final ArrivingBodies bodies;

	private final EnvelopeResponder responder;

	RequestArrival(WebSettings settings, ArrivingBodies bodies, EnvelopeResponder responder) {
		this.bodies = bodies;
		this.maxBody = settings.maxBodySize().toBytes();
		this.maxMultipart = settings.maxMultipartSize().toBytes();
		this.timeoutNanos = settings.bodyTimeout().toNanos();
		this.responder = responder;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String type = (request.getContentType() != null) ? request.getContentType().toLowerCase(Locale.ROOT) : "";
		boolean hasBody = request.getContentLengthLong() > 0
				|| request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
		if (!hasBody) {
			chain.doFilter(request, response);
			return;
		}
		if (type.startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)
				&& request.getRequestURI().startsWith("/api/")) {
			refuse(request, response, ErrorCode.UNSUPPORTED_MEDIA_TYPE);
			return;
		}
		long limit = type.startsWith("multipart/") ? this.maxMultipart : this.maxBody;
		if (request.getContentLengthLong() > limit) {
			refuse(request, response, ErrorCode.PAYLOAD_TOO_LARGE);
			return;
		}
		if (alreadyHere(request)) {
			chain.doFilter(new Arriving(request, limit, System.nanoTime() + this.timeoutNanos, () -> {
			}, () -> dropAfterAnswer(request, response)), response);
			return;
		}
		String client = ClientIp.addressOf(request);
		if (!this.bodies.enter(client)) {
			refuse(request, response, ErrorCode.TOO_MANY_REQUESTS);
			return;
		}
		Arriving arriving = new Arriving(request, limit, System.nanoTime() + this.timeoutNanos,
				() -> this.bodies.leave(client), () -> dropAfterAnswer(request, response));
		try {
			chain.doFilter(arriving, response);
		}
		finally {
			arriving.arrived();
		}
	}

	/**
	 * Answers without reading the body. A body refused for its size or type is drained
	 * after the answer within bounds ({@link DropConnection}), so that a client sending
	 * it whole before reading still reads the answer; one refused because its address has
	 * no place left is not read at all: unless it is already here, the connection is
	 * closed.
	 */
	private void refuse(HttpServletRequest request, HttpServletResponse response, ErrorCode code) throws IOException {
		if (code == ErrorCode.TOO_MANY_REQUESTS && !alreadyHere(request)) {
			dropAfterAnswer(request, response);
		}
		this.responder.write(request, response, code,
				(code == ErrorCode.TOO_MANY_REQUESTS) ? RetryAfter.seconds(1) : null);
	}

	/**
	 * The client learns the connection ends ({@code Connection: close}); Tomcat ends it.
	 */
	private static void dropAfterAnswer(HttpServletRequest request, HttpServletResponse response) {
		request.setAttribute(DROP_CONNECTION, Boolean.TRUE);
		if (!response.isCommitted()) {
			response.setHeader(HttpHeaders.CONNECTION, "close");
		}
	}

	/**
	 * Whether the whole body came with the headers and sits in Tomcat's buffer: such a
	 * request holds nobody up and takes no place among the bodies still arriving.
	 */
	private static boolean alreadyHere(HttpServletRequest request) {
		return request.getAttribute(BODY_HERE) != null;
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return true;
	}

	/**
	 * The request while its body arrives: counted, timed, and let go once it is all
	 * there.
	 */
	private static final class Arriving extends HttpServletRequestWrapper {

		private final long limit;

		private final long deadline;

		private Runnable onArrival;

		private final Runnable onTimeout;

		private ServletInputStream stream;

		Arriving(HttpServletRequest request, long limit, long deadline, Runnable onArrival, Runnable onTimeout) {
			super(request);
			this.onTimeout = onTimeout;
			this.limit = limit;
			this.deadline = deadline;
			this.onArrival = onArrival;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new Guarded(super.getInputStream(), this);
			}
			return this.stream;
		}

		void arrived() {
			if (this.onArrival != null) {
				this.onArrival.run();
				this.onArrival = null;
			}
		}

	}

	private static final class Guarded extends ServletInputStream {

		private final ServletInputStream delegate;

		private final Arriving request;

		private long count;

		Guarded(ServletInputStream delegate, Arriving request) {
			this.delegate = delegate;
			this.request = request;
		}

		@Override
		public int read() throws IOException {
			checkTime();
			int b;
			try {
				b = this.delegate.read();
			}
			catch (IOException ex) {
				throw dropped(ex);
			}
			counted((b >= 0) ? 1 : -1);
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			checkTime();
			int n;
			try {
				n = this.delegate.read(buffer, offset, length);
			}
			catch (IOException ex) {
				throw dropped(ex);
			}
			counted(n);
			return n;
		}

		/**
		 * A read that failed (no bytes within Tomcat's timeout): the connection goes too.
		 */
		private IOException dropped(IOException ex) {
			this.request.onTimeout.run();
			return ex;
		}

		private void checkTime() {
			if (System.nanoTime() - this.request.deadline > 0) {
				this.request.onTimeout.run();
				throw new ApiException(ErrorCode.REQUEST_TIMEOUT);
			}
		}

		private void counted(int n) {
			if (n < 0 || this.delegate.isFinished()) {
				this.request.arrived();
			}
			if (n > 0) {
				this.count += n;
				if (this.count > this.request.limit) {
					throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE);
				}
			}
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

	}

}
