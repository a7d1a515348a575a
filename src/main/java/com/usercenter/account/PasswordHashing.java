package com.usercenter.account;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Argon2id with Keycloak's default strength: 7 MiB of memory, 5 passes, one lane, 16-byte
 * salt, 32-byte hash; as many at once as there are cores, their memory pooled.
 */
@Configuration(proxyBeanMethods = false)
class PasswordHashing {

	static final int SALT_BYTES = 16;

	static final int HASH_BYTES = 32;

	static final int PARALLELISM = 1;

	static final int MEMORY_KIB = 7168;

	static final int ITERATIONS = 5;

	@Bean
	PasswordEncoder passwordEncoder() {
		int cores = Runtime.getRuntime().availableProcessors();
		return new BoundedPasswordEncoder(
				new PooledArgon2PasswordEncoder(SALT_BYTES, HASH_BYTES, PARALLELISM, MEMORY_KIB, ITERATIONS, cores),
				cores);
	}

}
