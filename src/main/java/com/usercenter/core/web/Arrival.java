package com.usercenter.core.web;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.connector.Request;

import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.TooManyRequests;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * A request with a body, as the application sees it while the body arrives: admitted or
 * refused once ({@link #admit()}), its body counted and timed as it is read, its place
 * given back once it is all there, and whether its connection is to be closed after the
 * answer, for {@link ArrivingBodies}' valve, which made it.
 */
final class Arrival extends HttpServletRequestWrapper {

	/**
	 * The one streamed type (the user import): read as the application works through it,
	 * for as long as that takes, so its time limit counts only the waits for the client.
	 */
	static final String NDJSON = "application/x-ndjson";

	private final Request tomcat;

	private final HttpServletResponse response;

	private final ArrivingBodies bodies;

	private final long limit;

	private final long deadline;

	private final boolean streamed;

	/** For a stream: how long its reads have waited for the client in all. */
	private long waited;

	private String place;

	private boolean inBuffer;

	private volatile boolean dropped;

	private ServletInputStream stream;

	Arrival(Request tomcat, HttpServletResponse response, ArrivingBodies bodies) {
		super(tomcat.getRequest());
		this.tomcat = tomcat;
		this.response = response;
		this.bodies = bodies;
		String type = type(tomcat);
		this.streamed = type.startsWith(NDJSON);
		this.limit = (type.startsWith("multipart/") ? bodies.settings().maxMultipartSize()
				: this.streamed ? bodies.settings().maxStreamSize() : bodies.settings().maxBodySize())
			.toBytes();
		this.deadline = System.nanoTime() + bodies.settings().bodyTimeout().toNanos();
	}

	static boolean declaresBody(HttpServletRequest request) {
		return request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
	}

	/**
	 * Refuses the body unread (41500 for a form outside the tenant API, 41300 past its
	 * size by {@code Content-Length}, 42900 when its address has no place left for it and
	 * it does not arrive whole within a moment), or lets it in.
	 */
	void admit() {
		if (type(this.tomcat).startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)
				&& getRequestURI().startsWith("/api/")) {
			throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
		}
		long length = getContentLengthLong();
		if (length > this.limit) {
			throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE);
		}
		if (length > 0 && ArrivingBodies.here(this.tomcat, length)) {
			this.inBuffer = true;
			return;
		}
		String client = ClientIp.addressOf(this);
		if (this.bodies.enter(client)) {
			this.place = client;
			return;
		}
		if (length > 0 && ArrivingBodies.hereWithin(this.tomcat, length)) {
			this.inBuffer = true;
			return;
		}
		drop();
		throw new TooManyRequests(1);
	}

	/** Gives back the body's place among those still arriving, once. */
	void arrived() {
		if (this.place != null) {
			this.bodies.leave(this.place);
			this.place = null;
		}
	}

	/**
	 * The connection ends after the answer, unread; the client learns it from
	 * {@code Connection: close}.
	 */
	void drop() {
		this.dropped = true;
		if (!this.response.isCommitted()) {
			this.response.setHeader(HttpHeaders.CONNECTION, "close");
		}
	}

	boolean dropped() {
		return this.dropped;
	}

	/** Whether the whole body sat in Tomcat's buffer when it was admitted. */
	boolean inBuffer() {
		return this.inBuffer;
	}

	boolean chunked() {
		return getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
	}

	@Override
	public ServletInputStream getInputStream() throws IOException {
		if (this.stream == null) {
			this.stream = new Guarded(super.getInputStream());
		}
		return this.stream;
	}

	private static String type(Request request) {
		return (request.getContentType() != null) ? request.getContentType().toLowerCase(Locale.ROOT) : "";
	}

	/** The body, counted against its limit and its time as it is read. */
	private final class Guarded extends ServletInputStream {

		private final ServletInputStream delegate;

		private long count;

		Guarded(ServletInputStream delegate) {
			this.delegate = delegate;
		}

		@Override
		public int read() throws IOException {
			checkTime();
			int b;
			long start = System.nanoTime();
			try {
				b = this.delegate.read();
			}
			catch (IOException ex) {
				throw dropped(ex);
			}
			Arrival.this.waited += System.nanoTime() - start;
			counted((b >= 0) ? 1 : -1);
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			checkTime();
			int n;
			long start = System.nanoTime();
			try {
				n = this.delegate.read(buffer, offset, length);
			}
			catch (IOException ex) {
				throw dropped(ex);
			}
			Arrival.this.waited += System.nanoTime() - start;
			counted(n);
			return n;
		}

		/**
		 * A read that failed (no bytes within Tomcat's timeout): the connection goes too.
		 */
		private IOException dropped(IOException ex) {
			drop();
			return ex;
		}

		/**
		 * A body must be all there within the body timeout; a stream, whose reader takes
		 * its time, may have waited for the client that long plus a second for every
		 * {@code usercenter.web.stream-min-rate} it sent.
		 */
		private void checkTime() {
			boolean late;
			if (Arrival.this.streamed) {
				WebSettings settings = Arrival.this.bodies.settings();
				long allowed = settings.bodyTimeout().toNanos()
						+ this.count / Math.max(1, settings.streamMinRate().toBytes()) * 1_000_000_000L;
				late = Arrival.this.waited > allowed;
			}
			else {
				late = System.nanoTime() - Arrival.this.deadline > 0;
			}
			if (late) {
				drop();
				throw new ApiException(ErrorCode.REQUEST_TIMEOUT);
			}
		}

		private void counted(int n) {
			if (n < 0 || this.delegate.isFinished()) {
				arrived();
			}
			if (n > 0) {
				this.count += n;
				if (this.count > Arrival.this.limit) {
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
