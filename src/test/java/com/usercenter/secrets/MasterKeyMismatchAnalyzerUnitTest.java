package com.usercenter.secrets;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/** A wrong master key stops start-up with one sentence saying what to do. */
class MasterKeyMismatchAnalyzerUnitTest {

	@Test
	void aWrongMasterKeyIsNamedWithTheVariableToSet() {
		FailureAnalysis analysis = new MasterKeyMismatchAnalyzer()
			.analyze(new IllegalStateException("wrapped", new SecretBox.MasterKeyMismatch(new RuntimeException())));

		assertThat(analysis.getDescription()).contains("master key").contains("not the key they were sealed with");
		assertThat(analysis.getAction()).contains("USERCENTER_CRYPTO_MASTER_KEY");
	}

	@Test
	void theAnalyzerIsRegisteredWithSpringBoot() {
		// Spring Boot's own analyzers need a bean factory to be made; only ours are
		// looked for here
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> {
			}));

		assertThat(analyzers).hasAtLeastOneElementOfType(MasterKeyMismatchAnalyzer.class);
	}

}
