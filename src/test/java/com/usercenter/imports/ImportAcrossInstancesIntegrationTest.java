package com.usercenter.imports;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.usercenter.UserCenterApplication;
import com.usercenter.support.AdminSecondFactor;
import com.usercenter.support.Api;
import com.usercenter.support.Api.Call;
import com.usercenter.support.ApiTestBase;
import com.usercenter.support.TestClock;
import com.usercenter.support.TestDatabase;
import com.usercenter.support.TestSecrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on one database importing overlapping files at once: the import lock is
 * PostgreSQL's, not an instance's, so each account is made once and every line is
 * imported, skipped or rejected exactly once across both answers.
 */
class ImportAcrossInstancesIntegrationTest extends ApiTestBase {

	private static ConfigurableApplicationContext second;

	private static Api b;

	@Autowired
	private JdbcClient jdbc;

	@BeforeEach
	void startTheSecondInstance() {
		if (second != null) {
			return;
		}
		TestDatabase.Coordinates db = TestDatabase.get();
		second = new SpringApplicationBuilder(UserCenterApplication.class, TestClock.Config.class).run(
				"--server.port=0", "--spring.datasource.url=" + db.url(),
				"--spring.datasource.username=" + db.username(), "--spring.datasource.password=" + db.password(),
				"--spring.datasource.hikari.maximum-pool-size=5",
				"--usercenter.crypto.master-key=" + TestSecrets.masterKey(), "--logging.structured.format.console=",
				"--usercenter.token.issuer=http://localhost:" + this.port);
		b = new Api(((WebServerApplicationContext) second).getWebServer().getPort());
	}

	@AfterAll
	static void stopTheSecondInstance() {
		if (second != null) {
			second.close();
		}
	}

	@Test
	void overlappingFilesSentToTwoInstancesAtOnceMakeEachAccountOnce() throws Exception {
		List<String> mobiles = new ArrayList<>();
		List<String> shared = new ArrayList<>();
		for (int i = 0; i < 2500; i++) {
			String mobile = newMobile();
			mobiles.add(mobile);
			shared.add(UserImportIntegrationTest.json(Map.of("externalId", "two-" + unique(), "mobile", mobile)));
		}
		List<String> reversed = new ArrayList<>(shared);
		java.util.Collections.reverse(reversed);
		String token = AdminSecondFactor.token(api());
		List<Callable<Api.Answer>> calls = List.of(() -> api().send(call(shared, token)),
				() -> b.send(call(reversed, token)));

		List<Api.Answer> answers = runTogether(calls);

		long imported = 0;
		long skipped = 0;
		for (Api.Answer answer : answers) {
			assertThat(answer.code()).as(answer.toString()).isEqualTo(200);
			assertThat(answer.data().path("rejected")).isEmpty();
			imported += answer.data().path("imported").asLong();
			skipped += answer.data().path("skipped").asLong();
		}
		assertThat(imported).isEqualTo(2500);
		assertThat(skipped).isEqualTo(2500);
		assertThat(this.jdbc.sql("select count(*) from app_user where mobile = any(?)")
			.param(mobiles.stream().map((m) -> "+86" + m).toArray(String[]::new))
			.query(Long.class)
			.single()).isEqualTo(2500);
	}

	private static Call call(List<String> lines, String token) {
		return Call.of("POST", "/api/v1/admin/users/import")
			.body((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8), "application/x-ndjson")
			.streamed()
			.bearer(token);
	}

}
