package com.usercenter.account;

import java.util.Map;

import com.usercenter.support.Api;
import com.usercenter.support.ApiTestBase;
import com.usercenter.support.SensitiveValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing in with a password hash imported from the system the user center replaces
 * (contract 9.2): the first right password signs in and replaces the imported hash with
 * the service's Argon2id in the same request; a wrong one is answered as always, counts
 * toward the lockout and leaves the imported hash as it was. The hashes were computed
 * outside Java (Python's hashlib and bcrypt, the reference argon2 command).
 */
class ImportedPasswordIntegrationTest extends ApiTestBase {

	private static final String PASSWORD = "Imp0rted-Pässwörd";

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private LegacyPasswords legacy;

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', nullValues = "-", value = {
			"md5-salt-prefix | 4031f100596654f012607ee103cd2c68                                 | legacy$salt                      | -",
			"bcrypt          | $2b$06$h79QylsF837q2WznPTJc3eep9GrXEn6RTWiXivmFKlUsKschVWBK2     | -                                | -",
			"pbkdf2-sha256   | 0382ec0217f37a2287ee13cc1ecd2f39373cbe487d0eee98611c307168ae5d92 | 0f1e2d3c4b5a69788796a5b4c3d2e1f0 | 20000",
			"argon2          | $argon2id$v=19$m=256,t=2,p=1$aW1wb3J0ZWRzYWx0$xT90+hnhzHsPPv00Chy7+1eD84oNVghwIBNgmM11xJ8 | - | -",
			"md5-md5         | d09d0f2cf06e3f7b4af8936edf805d1d                                 | -                                | -" })
	void theFirstRightPasswordSignsInAndReplacesTheImportedHash(String algorithm, String hash, String salt,
			Integer iterations) {
		String mobile = withImportedHash(algorithm, hash, salt, iterations);
		String imported = storedHash(mobile);

		Api.Answer wrong = passwordLogin(mobile, PASSWORD + "!");
		assertThat(wrong.code()).as(wrong.toString()).isEqualTo(40102);
		assertThat(storedHash(mobile)).as("a wrong password changes nothing").isEqualTo(imported);

		Api.Answer first = passwordLogin(mobile, PASSWORD);
		assertThat(first.code()).as(first.toString()).isEqualTo(200);
		String replaced = storedHash(mobile);
		assertThat(replaced).startsWith("$argon2id$v=19$m=7168,t=5,p=1$").doesNotContain(hash);

		Api.Answer again = passwordLogin(mobile, PASSWORD);
		assertThat(again.code()).as(again.toString()).isEqualTo(200);
		assertThat(storedHash(mobile)).as("the service's own hash stays").isEqualTo(replaced);
		assertThat(passwordLogin(mobile, PASSWORD + "!").code()).isEqualTo(40102);
		assertThat(storedHash(mobile)).isEqualTo(replaced);
	}

	@Test
	void wrongPasswordsAgainstAnImportedHashCountTowardTheLockout() {
		String mobile = withImportedHash("md5-salt-prefix", "4031f100596654f012607ee103cd2c68", "legacy$salt", null);
		String imported = storedHash(mobile);
		for (int i = 0; i < 5; i++) {
			assertThat(passwordLogin(mobile, "Wrong-passw0rd").code()).isEqualTo(40102);
		}

		Api.Answer locked = passwordLogin(mobile, PASSWORD);

		assertThat(locked.code()).as("the right password is not even checked").isEqualTo(42300);
		assertThat(storedHash(mobile)).isEqualTo(imported);
		assertThat(this.jdbc.sql("""
				select count(*) from audit_event e join app_user u on u.id = e.user_id
				where u.mobile = ? and e.type = 'login_failure' and e.detail like '%wrong password%'""")
			.param("+86" + mobile)
			.query(Long.class)
			.single()).isEqualTo(5);
	}

	/** A new account whose password hash is the imported one, as an import leaves it. */
	private String withImportedHash(String algorithm, String hash, String salt, Integer iterations) {
		String mobile = newMobile();
		Api.Answer registered = api().post("/api/v1/auth/register",
				Map.of("mobile", mobile, "password", "Before-imp0rt-" + unique(), "code", smsCode(mobile, "register")));
		assertThat(registered.code()).as(registered.toString()).isEqualTo(200);
		String stored = this.legacy.storedForm(algorithm, hash, salt, iterations);
		// what the log scan looks for: no imported hash may be logged
		SensitiveValues.add(hash);
		SensitiveValues.add(stored);
		this.jdbc.sql("update app_user set password_hash = ? where mobile = ?").params(stored, "+86" + mobile).update();
		return mobile;
	}

	private String storedHash(String mobile) {
		return this.jdbc.sql("select password_hash from app_user where mobile = ?")
			.param("+86" + mobile)
			.query(String.class)
			.single();
	}

}
