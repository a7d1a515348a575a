package com.usercenter.account;

import java.time.Duration;

import com.usercenter.core.MemoryBudget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Argon2id with Keycloak's default strength: 7 MiB of memory, 5 passes, one lane, 16-byte
 * salt, 32-byte hash; as many at once as the memory budget lets (never more than the
 * cores), their memory pooled, each caller waiting for its turn at most
 * {@link #QUEUE_DEADLINE}. Imported password hashes ({@link LegacyPasswords}) are checked
 * in the same pool.
 */
@Configuration(proxyBeanMethods = false)
class PasswordHashing {

	private static final Logger log = LoggerFactory.getLogger(PasswordHashing.class);

	static final int SALT_BYTES = 16;

	static final int HASH_BYTES = 32;

	static final int PARALLELISM = 1;

	static final int MEMORY_KIB = 7168;

	static final int ITERATIONS = 5;

	/**
	 * How long a sign-in may wait for a hash to start before it answers 42900: a hash
	 * takes tens of milliseconds, so a longer queue is a flood.
	 */
	static final Duration QUEUE_DEADLINE = Duration.ofSeconds(1);

	/**
	 * The one password encoder: the service's Argon2id, and the imported hashes checked
	 * by {@link LegacyPasswords}, all in the same bounded pool.
	 */
	@Bean
	BoundedPasswordEncoder passwordEncoder(MemoryBudget budget, LegacyPasswords legacy) {
		int concurrent = budget.passwordHashes(PooledArgon2PasswordEncoder.bytesPerHash(MEMORY_KIB));
		log.info("Password hashes: {} at once ({})", concurrent, budget);
		PooledArgon2PasswordEncoder argon2id = new PooledArgon2PasswordEncoder(SALT_BYTES, HASH_BYTES, PARALLELISM,
				MEMORY_KIB, ITERATIONS, concurrent);
		return new BoundedPasswordEncoder(new ServicePasswordEncoder(argon2id, legacy), concurrent, QUEUE_DEADLINE);
	}

}
