package com.usercenter.reliability;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import com.usercenter.support.Api;
import com.usercenter.support.ApiTestBase;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL slow for one user: a long transaction elsewhere holds the user's row. That
 * user's writes give up after the lock timeout with a 50300 envelope instead of waiting
 * for ever with a pooled connection each; everybody else's requests go on at full speed,
 * and every pooled connection carries the statement and lock time limits.
 */
class SlowDatabaseIntegrationTest extends ApiTestBase {

	@Autowired
	private DataSource dataSource;

	@Test
	void aRowHeldByALongTransactionTimesOutThatUsersWritesAndNobodyElses() throws Exception {
		JsonNode held = newUser(newMobile());
		String heldToken = held.path("accessToken").asString();
		String otherToken = newUserToken();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try (Connection elsewhere = this.dataSource.getConnection()) {
			elsewhere.setAutoCommit(false);
			try (Statement statement = elsewhere.createStatement()) {
				statement.execute("select 1 from app_user where id = " + held.path("userId").asLong() + " for update");
			}
			List<Future<Api.Answer>> waiting = new ArrayList<>();
			List<Long> waited = new ArrayList<>();
			long started = System.nanoTime();
			for (int i = 0; i < 8; i++) {
				waiting.add(pool.submit(() -> api().patch("/api/v1/users/me", Map.of("nickname", "等待"), heldToken)));
			}
			Thread.sleep(300);
			long othersStarted = System.nanoTime();
			List<Api.Answer> others = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				others.add(api().patch("/api/v1/users/me", Map.of("nickname", "别人" + i), otherToken));
				others.add(api().get("/api/v1/users/me", otherToken));
			}
			Duration othersTook = Duration.ofNanos(System.nanoTime() - othersStarted);
			List<Api.Answer> heldAnswers = new ArrayList<>();
			for (Future<Api.Answer> answer : waiting) {
				heldAnswers.add(answer.get());
				waited.add((System.nanoTime() - started) / 1_000_000);
			}
			elsewhere.rollback();

			assertThat(others).allSatisfy((answer) -> assertThat(answer.code()).as(answer.toString()).isEqualTo(200));
			assertThat(othersTook).as("ten requests of another user while eight wait for a held row")
				.isLessThan(Duration.ofSeconds(2));
			assertThat(heldAnswers).allSatisfy((answer) -> {
				assertThat(answer.status()).isEqualTo(503);
				assertThat(answer.code()).as(answer.toString()).isEqualTo(50300);
			});
			assertThat(waited).as("each gave up after the lock timeout, not the client's")
				.allSatisfy((millis) -> assertThat(millis).isBetween(2_000L, 8_000L));
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(api().patch("/api/v1/users/me", Map.of("nickname", "之后"), heldToken).code())
			.as("the row released, the user's writes work again")
			.isEqualTo(200);
	}

	@Test
	void everyPooledConnectionCarriesTheTimeLimits() {
		JdbcClient pooled = JdbcClient.create(this.dataSource);

		assertThat(pooled.sql("show lock_timeout").query(String.class).single()).isEqualTo("3s");
		assertThat(pooled.sql("show statement_timeout").query(String.class).single()).isEqualTo("15s");
		assertThat(pooled.sql("show idle_in_transaction_session_timeout").query(String.class).single())
			.isEqualTo("1min");
	}

}
