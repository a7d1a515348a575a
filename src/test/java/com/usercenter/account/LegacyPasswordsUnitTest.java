package com.usercenter.account;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Imported password hashes, every algorithm of contract 9.2 with a right and a wrong
 * password. Published vectors where there are some: PBKDF2-HMAC-SHA1 from RFC 6070,
 * PBKDF2-HMAC-SHA256 from RFC 7914 section 11, bcrypt from Openwall's crypt_blowfish
 * tests, Argon2 from the PHC reference implementation's {@code src/test.c}. The others
 * were computed outside Java: the digests with {@code openssl dgst} (and Python's
 * hashlib), $2b$ with Python's bcrypt, $2y$ with Apache's {@code htpasswd -B}, argon2d
 * and a two-lane argon2id with the reference {@code argon2} command.
 */
class LegacyPasswordsUnitTest {

	/** UTF-8 beyond ASCII, so every algorithm is shown to hash the password's UTF-8. */
	private static final String PASSWORD = "Pässwörd-ё1";

	/** A literal salt with the separator and the prefix's brace in it. */
	private static final String SALT = "s$lt-中文}";

	private final LegacyPasswords legacy = new LegacyPasswords();

	private final PasswordEncoder encoder = new ServicePasswordEncoder(
			new PooledArgon2PasswordEncoder(16, 32, 1, 7168, 5, 1), this.legacy);

	static Stream<Arguments> vectors() {
		return Stream.of(
				// Openwall crypt_blowfish wrapper.c
				arguments("bcrypt", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW", null, null, "U*U"),
				// as in every bcrypt, what comes after the 72nd byte is not hashed
				arguments("bcrypt", "$2a$05$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBui", null, null,
						"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789chars after 72 are ignored"),
				arguments("bcrypt", "$2b$05$ZHanJCW2x11EPcIVvV46oe3J5nU4KIZA.uNaV8bqjyz7LzP5e.wxK", null, null,
						PASSWORD),
				arguments("bcrypt", "$2y$05$fyQHdAkfog.QXZrNzV5m1uwHSQ3N/N9KPLYZsM6exh7g.TGST8nFu", null, null,
						PASSWORD),
				// phc-winner-argon2 src/test.c; without v= the reference reads version 16
				arguments("argon2",
						"$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4", null,
						null, "password"),
				arguments("argon2",
						"$argon2id$v=19$m=256,t=2,p=2$c29tZXNhbHQ$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc", null,
						null, "password"),
				arguments("argon2",
						"$argon2i$v=19$m=256,t=2,p=1$c29tZXNhbHQ$iekCn0Y3spW+sCcFanM2xBT63UP2sghkUoHLIUpWRS8", null,
						null, "password"),
				arguments("argon2", "$argon2i$m=256,t=2,p=1$c29tZXNhbHQ$/U3YPXYsSb3q9XxHvc0MLxur+GP960kN9j7emXX8zwY",
						null, null, "password"),
				arguments("argon2",
						"$argon2d$v=19$m=256,t=2,p=1$c2FsdHNhbHRzYWx0$Oy8Z1ms3CUVfTzgTefMwcIsWZ6ttG6F3wRMkGZ2kyK4",
						null, null, PASSWORD),
				arguments("argon2", "$argon2id$v=19$m=64,t=3,p=2$c2FsdHNhbHRzYWx0$RsciSFiaPUlCON7+x9qSLp09wHL1UdnL",
						null, null, PASSWORD),
				// RFC 6070
				arguments("pbkdf2-sha1", "0c60c80f961f0e71f3a9b524af6012062fe037a6", "73616c74", 1, "password"),
				arguments("pbkdf2-sha1", "4b007901b765489abead49d926f721d065a429c1", "73616c74", 4096, "password"),
				arguments("pbkdf2-sha1", "3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038",
						"73616c7453414c5473616c7453414c5473616c7453414c5473616c7453414c5473616c74", 4096,
						"passwordPASSWORDpassword"),
				arguments("pbkdf2-sha1", "56FA6AA75548099DCC37D7F03425E0C3", "7361006C74", 4096, "pass\0word"),
				arguments("pbkdf2-sha1", "a321a7c9d196d0e1905be05712441980875512e9", "a1b2c3d4e5f60718", 1000,
						PASSWORD),
				// RFC 7914 section 11
				arguments("pbkdf2-sha256",
						"55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
								+ "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783",
						"73616c74", 1, "passwd"),
				arguments("pbkdf2-sha256",
						"4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
								+ "a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d",
						"4e61436c", 80000, "Password"),
				arguments("pbkdf2-sha256", "dae6bf7b5a4b9749e5b6b3161177566f58a3c36bf7671abb8d123d52263b04db",
						"a1b2c3d4e5f60718", 1000, PASSWORD),
				// openssl dgst
				arguments("md5", "1492a6edc8f3b986bd724c9d7189ab82", null, null, PASSWORD),
				arguments("md5", "5F4DCC3B5AA765D61D8327DEB882CF99", null, null, "password"),
				arguments("sha1", "164507b1f19e4e2ac72f07ae4f4363bce6c9e8b9", null, null, PASSWORD),
				arguments("sha256", "861b3170b792cccd27999b3515dc2b46c688aef847de5977995053aecfbcc65d", null, null,
						PASSWORD),
				arguments("md5-salt-prefix", "fa76336e163ce6219e078fa85c004bfb", SALT, null, PASSWORD),
				arguments("sha1-salt-prefix", "dc5417e50f1478416d867d7f87357075f720f916", SALT, null, PASSWORD),
				arguments("sha256-salt-prefix", "05d4f201f66b1ef511e7fc506cecc37a332911f677b07268c2af0003040117de",
						SALT, null, PASSWORD),
				arguments("md5-salt-suffix", "6020ad1b25564bcc5861b280edc15233", SALT, null, PASSWORD),
				arguments("sha1-salt-suffix", "7b29f27ddca1a11a80e3234266bf6100cc0cce64", SALT, null, PASSWORD),
				arguments("sha256-salt-suffix", "e8a08607766c7be9196f1d4affb2fc6220c4de9cff85fbb939988746d3cdb609",
						SALT, null, PASSWORD),
				arguments("md5-md5", "435da417fa7c940a9001c2b38ed13c75", null, null, PASSWORD));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("vectors")
	void theRightPasswordMatchesAndAWrongOneDoesNot(String algorithm, String hash, String salt, Integer iterations,
			String password) {
		String stored = this.legacy.storedForm(algorithm, hash, salt, iterations);

		assertThat(stored).startsWith("{" + algorithm + "}").hasSizeLessThanOrEqualTo(1024);
		assertThat(this.encoder.matches(password, stored)).isTrue();
		assertThat(this.encoder.matches("x" + password, stored)).isFalse();
		assertThat(this.encoder.matches(password.substring(1), stored)).isFalse();
		assertThat(this.encoder.matches("", stored)).isFalse();
		assertThat(this.encoder.upgradeEncoding(stored)).isTrue();
	}

	@Test
	void theStoredFormIsOneSpellingOfTheHash() {
		assertThat(this.legacy.storedForm("md5-salt-prefix", "FA76336E163CE6219E078FA85C004BFB", SALT, null))
			.isEqualTo("{md5-salt-prefix}fa76336e163ce6219e078fa85c004bfb$" + SALT);
		assertThat(this.legacy.storedForm("pbkdf2-sha1", "0C60C80F961F0E71F3A9B524AF6012062FE037A6", "73616C74", 1))
			.isEqualTo("{pbkdf2-sha1}1$73616c74$0c60c80f961f0e71f3a9b524af6012062fe037a6");
		assertThat(this.legacy.storedForm("argon2",
				"$argon2i$m=256,t=2,p=1$c29tZXNhbHQ=$/U3YPXYsSb3q9XxHvc0MLxur+GP960kN9j7emXX8zwY=", null, null))
			.isEqualTo("{argon2}$argon2i$v=16$m=256,t=2,p=1$c29tZXNhbHQ$/U3YPXYsSb3q9XxHvc0MLxur+GP960kN9j7emXX8zwY");
		assertThat(this.legacy.storedForm("bcrypt", "$2y$05$fyQHdAkfog.QXZrNzV5m1uwHSQ3N/N9KPLYZsM6exh7g.TGST8nFu", "",
				null))
			.isEqualTo("{bcrypt}$2y$05$fyQHdAkfog.QXZrNzV5m1uwHSQ3N/N9KPLYZsM6exh7g.TGST8nFu");
	}

	@Test
	void theLongestStoredFormsFitTheColumn() {
		String salt = "s".repeat(256);
		String sha256 = "05d4f201f66b1ef511e7fc506cecc37a332911f677b07268c2af0003040117de";
		String pbkdf2 = this.legacy.storedForm("pbkdf2-sha256", sha256 + sha256, "ab".repeat(64), 650_000);

		assertThat(this.legacy.storedForm("sha256-salt-suffix", sha256, salt, null)).hasSizeLessThan(400);
		assertThat(pbkdf2).hasSizeLessThan(300);
	}

	static Stream<Arguments> rejected() {
		String bcrypt = "fyQHdAkfog.QXZrNzV5m1uwHSQ3N/N9KPLYZsM6exh7g.TGST8nFu";
		String md5 = "fa76336e163ce6219e078fa85c004bfb";
		String sha1 = "0c60c80f961f0e71f3a9b524af6012062fe037a6";
		String key64 = "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
				+ "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783";
		return Stream.of(arguments(null, md5, null, null, "password.algorithm is required"),
				arguments("MD5", md5, null, null,
						"password.algorithm must be one of bcrypt, argon2, pbkdf2-sha1, "
								+ "pbkdf2-sha256, md5, sha1, sha256, md5-salt-prefix"),
				arguments("md4", md5, null, null, "password.algorithm must be one of"),
				arguments("md5", null, null, null, "password.hash is required"),
				arguments("md5", "", null, null, "password.hash is required"),
				arguments("bcrypt", "$2x$05$" + bcrypt, null, null,
						"password.hash of bcrypt must be a $2a$, $2b$ or $2y$ string"),
				arguments("bcrypt", "$2b$05$" + bcrypt + "=", null, null, "must be a $2a$, $2b$ or $2y$ string"),
				arguments("bcrypt", "$2b$15$" + bcrypt, null, null,
						"password.hash of bcrypt must have a cost of 4 to 14"),
				arguments("bcrypt", "$2b$31$" + bcrypt, null, null, "cost of 4 to 14"),
				arguments("bcrypt", "$2b$03$" + bcrypt, null, null, "cost of 4 to 14"),
				arguments("bcrypt", "$2b$05$" + bcrypt, "pepper-salt", null, "password.salt is not used by bcrypt"),
				arguments("argon2",
						"$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", null,
						null, "password.hash of argon2 must use at most 16384 KiB of memory"),
				arguments("argon2",
						"$argon2id$v=19$m=16,t=2,p=4$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", null,
						null, "8 KiB a lane at least"),
				arguments("argon2",
						"$argon2id$v=19$m=256,t=11,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", null,
						null, "password.hash of argon2 must have 1 to 10 passes"),
				arguments("argon2",
						"$argon2id$v=19$m=256,t=0,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", null,
						null, "1 to 10 passes"),
				arguments("argon2",
						"$argon2id$v=19$m=1024,t=2,p=17$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", null,
						null, "password.hash of argon2 must have 1 to 16 lanes"),
				arguments("argon2", "$argon2id$v=19$m=256,t=2,p=1$c2FsdA$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
						null, null, "password.hash of argon2 must have a salt of 8 to 64 bytes"),
				arguments("argon2", "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMa", null, null,
						"password.hash of argon2 must have a hash of 16 to 64 bytes"),
				arguments("argon2", "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$C", null, null,
						"a hash of 16 to 64 bytes"),
				arguments("argon2",
						"$argon2id$v=19$m=256,t=2,p=1,keyid=abc$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
						null, null, "password.hash of argon2 must be a PHC string"),
				arguments("argon2",
						"$argon2id$v=18$m=256,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", null,
						null, "must be a PHC string"),
				arguments("argon2", "$2b$05$" + bcrypt, null, null, "must be a PHC string"),
				arguments("argon2",
						"$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc", null, 3,
						"password.iterations is not used by argon2"),
				arguments("pbkdf2-sha1", "eefe3d61cd4da4e4e9945b3d6ba2158c2634e984", "73616c74", 16777216,
						"password.iterations of pbkdf2-sha1 must be 1 to 1300000"),
				arguments("pbkdf2-sha1", sha1, "73616c74", 0, "must be 1 to 1300000"),
				arguments("pbkdf2-sha256", sha1, "73616c74", null, "password.iterations is required for pbkdf2-sha256"),
				arguments("pbkdf2-sha1", key64, "73616c74", 1_000_000,
						"password.iterations of pbkdf2-sha1 times the hash's 20-byte blocks must be at most 1300000"),
				arguments("pbkdf2-sha256", key64, "73616c74", 700_000, "32-byte blocks must be at most 1300000"),
				arguments("pbkdf2-sha1", sha1, "salt-as-text", 1,
						"password.salt of pbkdf2-sha1 must be 1 to 64 bytes in hex"),
				arguments("pbkdf2-sha1", sha1, "73616c7", 1,
						"password.salt of pbkdf2-sha1 must be 1 to 64 bytes in hex"),
				arguments("pbkdf2-sha1", sha1, "ab".repeat(65), 1,
						"password.salt of pbkdf2-sha1 must be 1 to 64 bytes"),
				arguments("pbkdf2-sha1", sha1, null, 1, "password.salt of pbkdf2-sha1 must be 1 to 64 bytes"),
				arguments("pbkdf2-sha1", "0c60c80f961f0e71f3a9b524af6012", "73616c74", 1,
						"password.hash of pbkdf2-sha1 must be 16 to 64 bytes in hex"),
				arguments("pbkdf2-sha256", key64 + "ab", "73616c74", 1,
						"password.hash of pbkdf2-sha256 must be 16 to 64"),
				arguments("md5", md5.substring(1), null, null, "password.hash of md5 must be 16 bytes in hex"),
				arguments("md5", "zz" + md5.substring(2), null, null, "password.hash of md5 must be 16 bytes in hex"),
				arguments("sha1", md5, null, null, "password.hash of sha1 must be 20 bytes in hex"),
				arguments("sha256", sha1, null, null, "password.hash of sha256 must be 32 bytes in hex"),
				arguments("md5", md5, "pepper-salt", null, "password.salt is not used by md5"),
				arguments("md5-md5", md5, "pepper-salt", null, "password.salt is not used by md5-md5"),
				arguments("sha1", sha1, null, 1000, "password.iterations is not used by sha1"),
				arguments("md5-salt-prefix", md5, null, null, "password.salt is required for md5-salt-prefix"),
				arguments("sha1-salt-suffix", sha1, "", null, "password.salt is required for sha1-salt-suffix"),
				arguments("md5-salt-suffix", md5, "pepper-salt".repeat(24), null,
						"password.salt must be at most 256 characters"),
				arguments("md5-salt-prefix", md5, "pepper\0salt", null,
						"password.salt must not contain a NUL character"));
	}

	@ParameterizedTest(name = "{0} {4}")
	@MethodSource("rejected")
	void invalidOrCostlyHashesAreRejectedWithoutEchoingThem(String algorithm, String hash, String salt,
			Integer iterations, String message) {
		assertThatIllegalArgumentException().isThrownBy(() -> this.legacy.storedForm(algorithm, hash, salt, iterations))
			.withMessageContaining(message)
			.satisfies((ex) -> {
				assertThat(ex.getCause()).isNull();
				if (hash != null && hash.length() >= 6) {
					assertThat(ex.getMessage()).doesNotContain(hash).doesNotContain(hash.substring(hash.length() - 6));
				}
				if (salt != null && salt.length() >= 6) {
					assertThat(ex.getMessage()).doesNotContain(salt).doesNotContain(salt.substring(0, 6));
				}
			});
	}

	@Test
	void theServicesOwnHashesAreCheckedAsBeforeAndStay() {
		String own = this.encoder.encode(PASSWORD);

		assertThat(own).startsWith("$argon2id$v=19$m=7168,t=5,p=1$");
		assertThat(this.encoder.matches(PASSWORD, own)).isTrue();
		assertThat(this.encoder.matches(PASSWORD + "x", own)).isFalse();
		assertThat(this.encoder.upgradeEncoding(own)).isFalse();
		assertThat(this.encoder.upgradeEncoding(null)).isFalse();
	}

	@Test
	void importedArgon2idVersion19IsCheckedByTheServicesPooledArgon2id() {
		PooledArgon2PasswordEncoder pooled = new PooledArgon2PasswordEncoder(16, 32, 1, 7168, 5, 1);
		AtomicInteger checks = new AtomicInteger();
		PasswordEncoder counting = new PasswordEncoder() {
			@Override
			public String encode(CharSequence rawPassword) {
				return pooled.encode(rawPassword);
			}

			@Override
			public boolean matches(CharSequence rawPassword, String encodedPassword) {
				checks.incrementAndGet();
				return pooled.matches(rawPassword, encodedPassword);
			}
		};
		PasswordEncoder encoder = new ServicePasswordEncoder(counting, this.legacy);
		String id = this.legacy.storedForm("argon2",
				"$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4", null, null);
		String i = this.legacy.storedForm("argon2",
				"$argon2i$v=19$m=256,t=2,p=1$c29tZXNhbHQ$iekCn0Y3spW+sCcFanM2xBT63UP2sghkUoHLIUpWRS8", null, null);

		assertThat(encoder.matches("password", id)).isTrue();
		assertThat(checks).hasValue(1);
		assertThat(encoder.matches("password", i)).isTrue();
		assertThat(checks).as("argon2i goes to Spring Security's Argon2PasswordEncoder").hasValue(1);
		assertThat(pooled.pool().kept()).as("the blocks went back to the pool").isPositive();
	}

	@Test
	void storedValuesItDidNotWriteMatchNothingAndCostNothing() {
		long started = System.nanoTime();

		assertThat(this.encoder.matches("password", "{md4}8a9d093f14f8701df17732b2bb182c74")).isFalse();
		assertThat(this.encoder.matches("password", "{md5}5f4dcc3b5aa765d61d8327deb882cf9")).isFalse();
		assertThat(this.encoder.matches("password", "{md5}5f4dcc3b5aa765d61d8327deb882cf99$salt")).isFalse();
		assertThat(this.encoder.matches("password", "{md5-salt-prefix}5f4dcc3b5aa765d61d8327deb882cf99")).isFalse();
		assertThat(this.encoder.matches("password", "{md5")).isFalse();
		assertThat(this.encoder.matches("password", "{}")).isFalse();
		assertThat(this.encoder.matches("U*U", "{bcrypt}$2a$31$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"))
			.as("past the cap")
			.isFalse();
		assertThat(this.encoder.matches("password",
				"{argon2}$argon2id$v=19$m=1048576,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"))
			.isFalse();
		assertThat(this.encoder.matches("password",
				"{pbkdf2-sha1}16777216$73616c74$eefe3d61cd4da4e4e9945b3d6ba2158c2634e984"))
			.isFalse();
		assertThat(this.encoder.matches("password", "{pbkdf2-sha1}1$$0c60c80f961f0e71f3a9b524af6012062fe037a6"))
			.isFalse();

		assertThat(System.nanoTime() - started).as("nothing was hashed past its cap").isLessThan(1_000_000_000L);
	}

}
