package com.usercenter.user;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How many hashes a password check runs, whatever the account: a cheap imported hash that
 * rejects a guess must not answer sooner than the service's own Argon2id, so a wrong
 * guess at one is hashed against the placeholder too. The encoder here stands in for
 * {@code account}'s: {@code {plain}} values are "imported" and want upgrading.
 */
class PasswordsUnitTest {

	private final CountingEncoder encoder = new CountingEncoder();

	private final List<Object[]> replacements = new ArrayList<>();

	private String stored;

	private final Passwords passwords = new Passwords(repository(), null, this.encoder, Clock.systemUTC());

	@Test
	void aWrongPasswordAgainstAnImportedHashIsAlsoHashedAgainstThePlaceholder() {
		this.stored = "{plain}right";
		this.encoder.reset();

		assertThat(this.passwords.matches(7L, "wrong")).isFalse();

		assertThat(this.encoder.checked).containsExactly("{plain}right", "own:unknown-account-placeholder");
		assertThat(this.encoder.encoded).isZero();
		assertThat(this.replacements).isEmpty();
	}

	@Test
	void theRightPasswordAgainstAnImportedHashReplacesItOnCondition() {
		this.stored = "{plain}right";
		this.encoder.reset();

		assertThat(this.passwords.matches(7L, "right")).isTrue();

		assertThat(this.encoder.checked).containsExactly("{plain}right");
		assertThat(this.encoder.encoded).isOne();
		assertThat(this.replacements).containsExactly(new Object[] { 7L, "{plain}right", "own:right" });
	}

	@Test
	void theServicesOwnHashIsCheckedOnceAndKept() {
		this.stored = "own:right";
		this.encoder.reset();

		assertThat(this.passwords.matches(7L, "right")).isTrue();
		assertThat(this.passwords.matches(7L, "wrong")).isFalse();

		assertThat(this.encoder.checked).containsExactly("own:right", "own:right");
		assertThat(this.encoder.encoded).isZero();
		assertThat(this.replacements).isEmpty();
	}

	@Test
	void noAccountOrNoPasswordIsOneHashAgainstThePlaceholder() {
		this.stored = null;
		this.encoder.reset();

		assertThat(this.passwords.matches(null, "right")).isFalse();
		assertThat(this.passwords.matches(7L, "right")).isFalse();

		assertThat(this.encoder.checked).containsExactly("own:unknown-account-placeholder",
				"own:unknown-account-placeholder");
	}

	/** Answers {@link #stored} and records the conditional replacements. */
	private UserRepository repository() {
		return (UserRepository) Proxy.newProxyInstance(UserRepository.class.getClassLoader(),
				new Class<?>[] { UserRepository.class }, (proxy, method, args) -> switch (method.getName()) {
					case "findPasswordHashById" -> Optional.ofNullable(this.stored);
					case "replacePasswordHash" -> {
						this.replacements.add(args);
						yield 1;
					}
					default -> throw new UnsupportedOperationException(method.getName());
				});
	}

	private static final class CountingEncoder implements PasswordEncoder {

		private final List<String> checked = new ArrayList<>();

		private int encoded;

		void reset() {
			this.checked.clear();
			this.encoded = 0;
		}

		@Override
		public String encode(CharSequence rawPassword) {
			this.encoded++;
			return "own:" + rawPassword;
		}

		@Override
		public boolean matches(CharSequence rawPassword, String encodedPassword) {
			this.checked.add(encodedPassword);
			return encodedPassword.equals("own:" + rawPassword) || encodedPassword.equals("{plain}" + rawPassword);
		}

		@Override
		public boolean upgradeEncoding(String encodedPassword) {
			return encodedPassword != null && encodedPassword.startsWith("{");
		}

	}

}
