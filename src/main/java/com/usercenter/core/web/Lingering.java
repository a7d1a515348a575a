package com.usercenter.core.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import org.apache.coyote.ActionCode;
import org.apache.coyote.Request;
import org.apache.tomcat.util.net.ApplicationBufferHandler;

/**
 * The rest of a body answered before it was read, read and thrown away without a thread
 * waiting for it (nginx's lingering close): many clients (Python's http.client, most
 * mobile stacks) read the answer only once they have sent the whole body, and a
 * connection closed under them fails with a broken pipe instead. Bounded: at most
 * {@code lingerSize} bytes, within {@code lingerTime}, at no less than
 * {@code lingerMinRate} a second after the first second, and no read waits longer than
 * Tomcat's connection timeout. A body that ends in time leaves the connection open; one
 * cut off closes it.
 * <p>
 * The body is read from Tomcat's connection, under the servlet stream: that one is closed
 * once the answer is (which is done first, so the answer goes out whole at once).
 */
final class Lingering implements ReadListener, AsyncListener {

	private static final long GRACE_NANOS = 1_000_000_000L;

	private final Discarded buffer = new Discarded();

	private final AsyncContext async;

	private final Request coyote;

	private final long maxBytes;

	private final long minBytesPerSecond;

	private final Runnable done;

	private final long started = System.nanoTime();

	private final AtomicBoolean ended = new AtomicBoolean();

	private final AtomicBoolean released = new AtomicBoolean();

	private long discarded;

	Lingering(AsyncContext async, Request coyote, long maxBytes, long minBytesPerSecond, Runnable done) {
		this.async = async;
		this.coyote = coyote;
		this.maxBytes = maxBytes;
		this.minBytesPerSecond = minBytesPerSecond;
		this.done = done;
	}

	@Override
	public void onDataAvailable() throws IOException {
		while (!this.ended.get() && !this.coyote.isFinished() && this.coyote.isReady()) {
			int n = this.coyote.doRead(this.buffer);
			if (n < 0) {
				break;
			}
			this.discarded += n;
			if (this.discarded > this.maxBytes || tooSlow()) {
				end(true);
			}
		}
		if (this.coyote.isFinished()) {
			end(false);
		}
	}

	private boolean tooSlow() {
		long elapsed = System.nanoTime() - this.started;
		return elapsed > GRACE_NANOS && this.discarded < this.minBytesPerSecond * (elapsed / 1_000_000_000.0);
	}

	@Override
	public void onAllDataRead() {
		end(false);
	}

	@Override
	public void onError(Throwable failure) {
		end(true);
	}

	@Override
	public void onTimeout(AsyncEvent event) {
		end(true);
	}

	@Override
	public void onError(AsyncEvent event) {
		end(true);
	}

	@Override
	public void onComplete(AsyncEvent event) {
		release();
	}

	@Override
	public void onStartAsync(AsyncEvent event) {
	}

	/** Ends the wait; a body cut off takes its connection with it. */
	void end(boolean cut) {
		if (!this.ended.compareAndSet(false, true)) {
			return;
		}
		if (cut) {
			this.coyote.action(ActionCode.DISABLE_SWALLOW_INPUT, null);
		}
		try {
			this.async.complete();
		}
		catch (IllegalStateException ex) {
			// completed already (an error on the connection got there first)
		}
		finally {
			release();
		}
	}

	private void release() {
		if (this.released.compareAndSet(false, true)) {
			this.done.run();
		}
	}

	/** Where Tomcat hands over what it read: looked at by nobody. */
	private static final class Discarded implements ApplicationBufferHandler {

		private ByteBuffer buffer = ByteBuffer.allocate(0);

		@Override
		public void setByteBuffer(ByteBuffer buffer) {
			this.buffer = buffer;
		}

		@Override
		public ByteBuffer getByteBuffer() {
			return this.buffer;
		}

		@Override
		public void expand(int size) {
		}

	}

}
