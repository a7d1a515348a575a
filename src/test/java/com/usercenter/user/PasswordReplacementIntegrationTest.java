package com.usercenter.user;

import java.util.Map;

import com.usercenter.support.Api;
import com.usercenter.support.ApiTestBase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conditional update that replaces an imported password hash after the first right
 * password: it writes only over the hash the password was checked against, so a password
 * changed between the check and the write stays.
 */
class PasswordReplacementIntegrationTest extends ApiTestBase {

	@Autowired
	private UserRepository users;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void replacesOnlyTheHashThePasswordWasCheckedAgainst() {
		String mobile = newMobile();
		Api.Answer registered = api().post("/api/v1/auth/register",
				Map.of("mobile", mobile, "password", "Replace-me-" + unique(), "code", smsCode(mobile, "register")));
		assertThat(registered.code()).as(registered.toString()).isEqualTo(200);
		long id = registered.data().path("userId").asLong();
		this.jdbc.sql("update app_user set password_hash = '{md5}5f4dcc3b5aa765d61d8327deb882cf99' where id = ?")
			.param(id)
			.update();
		long version = version(id);

		int stale = this.users.replacePasswordHash(id, "{md5}0000000000000000000000000000000", "$argon2id$new");
		int current = this.users.replacePasswordHash(id, "{md5}5f4dcc3b5aa765d61d8327deb882cf99", "$argon2id$new");
		int again = this.users.replacePasswordHash(id, "{md5}5f4dcc3b5aa765d61d8327deb882cf99", "$argon2id$newer");

		assertThat(stale).as("the hash changed meanwhile: nothing is written").isZero();
		assertThat(current).isOne();
		assertThat(again).isZero();
		assertThat(this.users.findPasswordHashById(id)).contains("$argon2id$new");
		assertThat(version(id)).as("a row that changed has a new version").isEqualTo(version + 1);
	}

	private long version(long id) {
		return this.jdbc.sql("select version from app_user where id = ?").param(id).query(Long.class).single();
	}

}
