package com.usercenter.account;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.usercenter.core.TooManyRequests;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Runs password hashes on a few threads of their own, at most {@code concurrency} at once
 * (from the memory budget: each holds 7 MiB), and lets a caller wait for one only until a
 * deadline: past it the caller gets 42900 with {@code Retry-After}, so a flood of
 * sign-ins queues briefly and is then refused instead of filling the heap or holding its
 * requests for seconds. A hash is pure CPU; on its own platform threads it never occupies
 * the carrier threads that run every other request's virtual thread (JDK 21+), which only
 * park while they wait.
 */
class BoundedPasswordEncoder implements PasswordEncoder, AutoCloseable {

	private final PasswordEncoder encoder;

	private final Semaphore permits;

	private final long deadlineNanos;

	private final ThreadPoolExecutor hashers;

	BoundedPasswordEncoder(PasswordEncoder encoder, int concurrency, Duration deadline) {
		this.encoder = encoder;
		this.permits = new Semaphore(concurrency, true);
		this.deadlineNanos = deadline.toNanos();
		AtomicInteger count = new AtomicInteger();
		// a permit is taken before a hash is handed over, so the queue never holds more
		// than the threads are about to take
		this.hashers = new ThreadPoolExecutor(concurrency, concurrency, 30, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), (task) -> {
					Thread thread = new Thread(task, "password-hash-" + count.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		// idle hash threads end, and with them their stacks
		this.hashers.allowCoreThreadTimeOut(true);
	}

	@Override
	public String encode(CharSequence rawPassword) {
		return inTurn(() -> this.encoder.encode(rawPassword));
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		return inTurn(() -> this.encoder.matches(rawPassword, encodedPassword));
	}

	/**
	 * Whether a stored value should be replaced by a new hash: an imported one. A look at
	 * the value, no hash, so it takes no turn.
	 */
	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		return this.encoder.upgradeEncoding(encodedPassword);
	}

	private <T> T inTurn(Callable<T> hash) {
		try {
			if (!this.permits.tryAcquire(this.deadlineNanos, TimeUnit.NANOSECONDS)) {
				throw new TooManyRequests(1);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TooManyRequests(1);
		}
		try {
			return result(this.hashers.submit(hash));
		}
		finally {
			this.permits.release();
		}
	}

	/** Waits for a hash that has started: it ends on its own, soon. */
	private static <T> T result(Future<T> running) {
		boolean interrupted = false;
		try {
			while (true) {
				try {
					return running.get();
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
				catch (ExecutionException ex) {
					if (ex.getCause() instanceof RuntimeException runtime) {
						throw runtime;
					}
					if (ex.getCause() instanceof Error error) {
						throw error;
					}
					throw new IllegalStateException(ex.getCause());
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public void close() {
		this.hashers.shutdownNow();
	}

}
