package com.usercenter.secrets;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * The master key does not open what the database holds sealed: said in one plain sentence
 * with what to do. Registered in {@code META-INF/spring.factories}.
 */
final class MasterKeyMismatchAnalyzer extends AbstractFailureAnalyzer<SecretBox.MasterKeyMismatch> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SecretBox.MasterKeyMismatch cause) {
		return new FailureAnalysis(
				"The master key does not open the secrets this database holds (the signing key, tenant secrets): "
						+ "it is not the key they were sealed with.",
				"Start with the USERCENTER_CRYPTO_MASTER_KEY the data was sealed with (the same value on every "
						+ "instance), or point SPRING_DATASOURCE_URL at the database that belongs to this key.",
				cause);
	}

}
