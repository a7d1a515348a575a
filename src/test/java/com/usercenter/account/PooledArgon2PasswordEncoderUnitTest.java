package com.usercenter.account;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

class PooledArgon2PasswordEncoderUnitTest {

	private final PooledArgon2PasswordEncoder pooled = new PooledArgon2PasswordEncoder(16, 32, 1, 7168, 5, 2);

	private final Argon2PasswordEncoder spring = new Argon2PasswordEncoder(16, 32, 1, 7168, 5);

	@Test
	void readsWhatSpringSecurityWroteAndWritesWhatItReads() {
		String stored = this.spring.encode("Passw0rd-1");
		String ours = this.pooled.encode("Passw0rd-1");

		assertThat(this.pooled.matches("Passw0rd-1", stored)).isTrue();
		assertThat(this.pooled.matches("Passw0rd-2", stored)).isFalse();
		assertThat(this.spring.matches("Passw0rd-1", ours)).isTrue();
		assertThat(ours).startsWith("$argon2id$v=19$m=7168,t=5,p=1$").isNotEqualTo(this.pooled.encode("Passw0rd-1"));
	}

	@Test
	void thePoolKeepsAtMostItsCapacityAndGivesItBack() {
		PooledArgon2PasswordEncoder encoder = new PooledArgon2PasswordEncoder(16, 32, 1, 7168, 5, 1);
		int oneHash = Argon2BytesGenerator.getBlockCount(7168, 1);
		encoder.encode("Passw0rd-1");
		assertThat(encoder.pool().kept()).isEqualTo(oneHash);
		encoder.encode("Passw0rd-2");
		assertThat(encoder.pool().kept()).as("never more than one hash's blocks").isEqualTo(oneHash);

		encoder.pool().release();

		assertThat(encoder.pool().kept()).isZero();
		assertThat(encoder.matches("Passw0rd-1", encoder.encode("Passw0rd-1"))).isTrue();
	}

	@Test
	void aStoredHashAskingForMoreMemoryThanTheBudgetDoesNotMatch() {
		String costly = new Argon2PasswordEncoder(16, 32, 1, 32768, 1).encode("Passw0rd-1");

		assertThat(this.pooled.matches("Passw0rd-1", costly)).isFalse();
	}

	@Test
	void checksAStoredHashWithItsOwnParameters() {
		String weaker = new Argon2PasswordEncoder(16, 24, 1, 1024, 2).encode("Passw0rd-1");

		assertThat(this.pooled.matches("Passw0rd-1", weaker)).isTrue();
		assertThat(this.pooled.matches("passw0rd-1", weaker)).isFalse();
	}

	@Test
	void anythingElseIsNoMatchNotAFailure() {
		String good = this.pooled.encode("Passw0rd-1");
		String parameters = good.substring(0, good.indexOf('$', "$argon2id$v=19$".length()));
		for (String stored : new String[] { "", "$2a$10$abcdefghijklmnopqrstuv",
				"$argon2i$v=19$m=7168,t=5,p=1$c2FsdA$aGFzaA", "$argon2id$v=19$m=abc,t=5,p=1$c2FsdA$aGFzaA",
				"$argon2id$v=19$m=7168,t=5$c2FsdA$aGFzaA", parameters + "$!!!$!!!",
				"$argon2id$v=19$m=99999999,t=5,p=1$c2FsdA$aGFzaA", "$argon2id$v=19$m=7168,t=5000,p=1$c2FsdA$aGFzaA",
				good + "$extra" }) {
			assertThat(this.pooled.matches("Passw0rd-1", stored)).as(stored).isFalse();
		}
		assertThat(this.pooled.matches("Passw0rd-1", null)).isFalse();
	}

	@Test
	void hashesAtOnceShareThePoolWithoutMixingTheirMemory() throws Exception {
		List<String> passwords = new ArrayList<>();
		List<String> hashes = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			passwords.add("Passw0rd-" + i);
			hashes.add(this.spring.encode("Passw0rd-" + i));
		}
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			List<Future<Boolean>> results = new ArrayList<>();
			for (int round = 0; round < 3; round++) {
				for (int i = 0; i < 8; i++) {
					int n = i;
					results.add(threads.submit(() -> this.pooled.matches(passwords.get(n), hashes.get(n))
							&& !this.pooled.matches(passwords.get((n + 1) % 8), hashes.get(n))));
				}
			}
			for (Future<Boolean> result : results) {
				assertThat(result.get()).isTrue();
			}
		}
		finally {
			threads.shutdown();
		}
	}

}
