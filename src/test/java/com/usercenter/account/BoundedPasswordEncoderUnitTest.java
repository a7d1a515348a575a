package com.usercenter.account;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.usercenter.core.ErrorCode;
import com.usercenter.core.MemoryBudget;
import com.usercenter.core.RetryAfter;
import com.usercenter.core.TooManyRequests;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedPasswordEncoderUnitTest {

	@Test
	void noMoreHashesRunAtOnceThanPermitted() throws Exception {
		SlowEncoder slow = new SlowEncoder();
		PasswordEncoder bounded = new BoundedPasswordEncoder(slow, 2, Duration.ofSeconds(30));
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
		PasswordEncoder bounded = new PasswordHashing().passwordEncoder(new MemoryBudget(128L << 20, 16),
				new LegacyPasswords());

		String hash = bounded.encode("Corr3ct-horse");

		assertThat(hash).startsWith("$argon2id$v=19$m=7168,t=5,p=1$");
		assertThat(bounded.matches("Corr3ct-horse", hash)).isTrue();
		assertThat(bounded.matches("wrong", hash)).isFalse();
		assertThat(bounded.upgradeEncoding(hash)).as("the service's own hash stays").isFalse();
	}

	@Test
	void importedHashesAreCheckedInTurnAndWantUpgrading() {
		PasswordEncoder bounded = new PasswordHashing().passwordEncoder(new MemoryBudget(128L << 20, 16),
				new LegacyPasswords());
		// MD5 of "password"
		String imported = new LegacyPasswords().storedForm("md5", "5f4dcc3b5aa765d61d8327deb882cf99", null, null);

		assertThat(bounded.matches("password", imported)).isTrue();
		assertThat(bounded.matches("passw0rd", imported)).isFalse();
		assertThat(bounded.upgradeEncoding(imported)).isTrue();
	}

	@Test
	void aCallerWaitsForItsTurnOnlyUntilTheDeadlineThen42900() throws Exception {
		SlowEncoder slow = new SlowEncoder();
		BoundedPasswordEncoder bounded = new BoundedPasswordEncoder(slow, 1, Duration.ofMillis(200));
		ExecutorService pool = Executors.newFixedThreadPool(1);
		try {
			Future<Boolean> first = pool.submit(() -> bounded.matches("pw", "hash"));
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
			while (slow.inside.get() < 1 && System.nanoTime() < deadline) {
				Thread.sleep(5);
			}
			long started = System.nanoTime();

			assertThatThrownBy(() -> bounded.matches("pw", "hash")).isInstanceOfSatisfying(TooManyRequests.class,
					(refused) -> {
						assertThat(refused.errorCode()).isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
						assertThat(((RetryAfter) refused.data()).retryAfter()).isEqualTo(1);
					});
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(150),
					Duration.ofSeconds(2));
			slow.release.countDown();
			assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
			assertThat(bounded.matches("pw", "hash")).as("the permit came back").isTrue();
		}
		finally {
			pool.shutdownNow();
			bounded.close();
		}
	}

	@Test
	void hashesRunOnThreadsOfTheirOwnNotTheCallers() {
		AtomicReference<Thread> hashedOn = new AtomicReference<>();
		BoundedPasswordEncoder bounded = new BoundedPasswordEncoder(new PasswordEncoder() {

			@Override
			public String encode(CharSequence raw) {
				hashedOn.set(Thread.currentThread());
				return "hash";
			}

			@Override
			public boolean matches(CharSequence raw, String encoded) {
				throw new IllegalArgumentException("bad hash");
			}

		}, 1, Duration.ofSeconds(1));
		try {
			assertThat(bounded.encode("pw")).isEqualTo("hash");
			assertThat(hashedOn.get()).isNotSameAs(Thread.currentThread());
			assertThat(hashedOn.get().getName()).startsWith("password-hash-");
			assertThat(hashedOn.get().isDaemon()).isTrue();
			assertThatThrownBy(() -> bounded.matches("pw", "x")).as("the encoder's own exception")
				.isInstanceOf(IllegalArgumentException.class);
		}
		finally {
			bounded.close();
		}
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
