package com.usercenter.secrets;

import java.nio.charset.StandardCharsets;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Fails start-up with a clear message when this instance's master key is not the one the
 * database's secrets were sealed with, instead of answering 40103 to every tenant later.
 */
@Component
@Order(0)
class MasterKeyCheck implements ApplicationRunner {

	private static final String PURPOSE = "canary";

	private static final byte[] CANARY = "user-center".getBytes(StandardCharsets.UTF_8);

	private final JdbcClient jdbc;

	private final SecretBox box;

	MasterKeyCheck(JdbcClient jdbc, SecretBox box) {
		this.jdbc = jdbc;
		this.box = box;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.jdbc.sql("insert into crypto_canary (id, sealed) values (1, :sealed) on conflict (id) do nothing")
			.param("sealed", this.box.seal(PURPOSE, CANARY))
			.update();
		byte[] sealed = this.jdbc.sql("select sealed from crypto_canary where id = 1").query(byte[].class).single();
		try {
			this.box.open(PURPOSE, sealed);
		}
		catch (SecretBox.MasterKeyMismatch ex) {
			throw new IllegalStateException("This instance's master key differs from the one the database was "
					+ "set up with: give every instance the same usercenter.crypto.master-key", ex);
		}
	}

}
