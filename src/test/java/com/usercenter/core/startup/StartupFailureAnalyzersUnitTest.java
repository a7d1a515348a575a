package com.usercenter.core.startup;

import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.usercenter.core.MissingSetting;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/** Each start-up refusal says in one sentence what is wrong and what to do. */
class StartupFailureAnalyzersUnitTest {

	@Test
	void aMissingSettingIsNamedWithItsEnvironmentVariable() {
		FailureAnalysis analysis = new StartupFailureAnalyzers.Setting()
			.analyze(new MissingSetting("usercenter.sms.aliyun.sign-name", "usercenter.sms.provider=aliyun"));

		assertThat(analysis.getDescription()).isEqualTo(
				"usercenter.sms.provider=aliyun needs usercenter.sms.aliyun.sign-name, which is not set or not usable.");
		assertThat(analysis.getAction()).contains("USERCENTER_SMS_ALIYUN_SIGNNAME");
	}

	@Test
	void anUnreachableDatabaseAndWrongCredentialsAreTold() {
		FailureAnalysis unreachable = new StartupFailureAnalyzers.Database()
			.analyze(new RuntimeException(new SQLException("Connection to localhost:5432 refused", "08001")));
		FailureAnalysis refused = new StartupFailureAnalyzers.Database()
			.analyze(new RuntimeException(new SQLException("password authentication failed", "28P01")));

		assertThat(unreachable.getDescription()).startsWith("PostgreSQL cannot be reached");
		assertThat(unreachable.getAction()).contains("SPRING_DATASOURCE_URL");
		assertThat(refused.getAction()).contains("SPRING_DATASOURCE_PASSWORD");
		assertThat(new StartupFailureAnalyzers.Database().analyze(new SQLException("syntax", "42601"))).isNull();
	}

	@Test
	void theAnalyzersAreRegisteredWithSpringBoot() {
		// Spring Boot's own analyzers need a bean factory to be made; only ours are
		// looked for here
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> {
			}));

		assertThat(analyzers).hasAtLeastOneElementOfType(StartupFailureAnalyzers.Setting.class)
			.hasAtLeastOneElementOfType(StartupFailureAnalyzers.Database.class);
	}

}
