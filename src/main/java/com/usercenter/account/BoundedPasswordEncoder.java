package com.usercenter.account;

import java.util.concurrent.Semaphore;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Lets at most as many password hashes run at once as there are cores. A hash is pure CPU
 * and holds 7 MiB while it runs: more at once would not finish sooner, only hold more
 * memory, so a flood of sign-ins queues here instead of filling the heap.
 */
class BoundedPasswordEncoder implements PasswordEncoder {

	private final PasswordEncoder encoder;

	private final Semaphore permits;

	BoundedPasswordEncoder(PasswordEncoder encoder, int concurrency) {
		this.encoder = encoder;
		this.permits = new Semaphore(concurrency, true);
	}

	@Override
	public String encode(CharSequence rawPassword) {
		this.permits.acquireUninterruptibly();
		try {
			return this.encoder.encode(rawPassword);
		}
		finally {
			this.permits.release();
		}
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		this.permits.acquireUninterruptibly();
		try {
			return this.encoder.matches(rawPassword, encodedPassword);
		}
		finally {
			this.permits.release();
		}
	}

}
