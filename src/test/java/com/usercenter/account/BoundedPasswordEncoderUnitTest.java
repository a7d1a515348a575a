package com.usercenter.account;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedPasswordEncoderUnitTest {

	@Test
	void noMoreHashesRunAtOnceThanPermitted() throws Exception {
		SlowEncoder slow = new SlowEncoder();
		PasswordEncoder bounded = new BoundedPasswordEncoder(slow, 2);
		ExecutorService pool = Executors.newFixedThreadPool(12);
		try {
			List<Future<Boolean>> results = new ArrayList<>();
			for (int i = 0; i < 12; i++) {
				boolean encode = i % 2 == 0;
				results.add(pool.submit(() -> encode ? bounded.encode("pw") != null : bounded.matches("pw", "hash")));
			}
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
			while (slow.inside.get() < 2 && System.nanoTime() < deadline) {
				Thread.sleep(5);
			}
			Thread.sleep(50); // a third, were it let in, would be inside by now
			slow.release.countDown();
			for (Future<Boolean> result : results) {
				assertThat(result.get(10, TimeUnit.SECONDS)).isTrue();
			}
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(slow.calls.get()).isEqualTo(12);
		assertThat(slow.mostAtOnce.get()).isEqualTo(2);
	}

	@Test
	void answersWhatTheEncoderAnswers() {
		PasswordEncoder bounded = new BoundedPasswordEncoder(new PasswordHashing().passwordEncoder(), 1);

		String hash = bounded.encode("Corr3ct-horse");

		assertThat(hash).startsWith("$argon2id$v=19$m=7168,t=5,p=1$");
		assertThat(bounded.matches("Corr3ct-horse", hash)).isTrue();
		assertThat(bounded.matches("wrong", hash)).isFalse();
	}

	/** Holds every caller until released, counting how many were inside at once. */
	private static final class SlowEncoder implements PasswordEncoder {

		final CountDownLatch release = new CountDownLatch(1);

		final AtomicInteger inside = new AtomicInteger();

		final AtomicInteger mostAtOnce = new AtomicInteger();

		final AtomicInteger calls = new AtomicInteger();

		@Override
		public String encode(CharSequence raw) {
			work();
			return "hash";
		}

		@Override
		public boolean matches(CharSequence raw, String encoded) {
			work();
			return true;
		}

		private void work() {
			this.calls.incrementAndGet();
			this.mostAtOnce.accumulateAndGet(this.inside.incrementAndGet(), Math::max);
			try {
				this.release.await(10, TimeUnit.SECONDS);
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				this.inside.decrementAndGet();
			}
		}

	}

}
