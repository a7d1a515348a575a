package com.usercenter.core.startup;

import java.sql.SQLException;

import com.usercenter.core.MissingSetting;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Start-up refusals said in one plain sentence with what to do, instead of a stack trace
 * a newcomer has to dig through. Registered in {@code META-INF/spring.factories}; the
 * master key's own is in {@code secrets}.
 */
final class StartupFailureAnalyzers {

	private StartupFailureAnalyzers() {
	}

	/** A setting the chosen providers need is missing. */
	static final class Setting extends AbstractFailureAnalyzer<MissingSetting> {

		@Override
		protected FailureAnalysis analyze(Throwable rootFailure, MissingSetting cause) {
			return new FailureAnalysis(cause.why() + " needs " + cause.key() + ", which is not set or not usable.",
					"Set " + cause.key() + " (environment: " + cause.environmentVariable() + "), or choose another "
							+ "provider. The README's Configuration section lists every setting.",
					cause);
		}

	}

	/** PostgreSQL cannot be reached or refuses the credentials. */
	static final class Database extends AbstractFailureAnalyzer<SQLException> {

		@Override
		protected FailureAnalysis analyze(Throwable rootFailure, SQLException cause) {
			String state = (cause.getSQLState() != null) ? cause.getSQLState() : "";
			if (state.startsWith("08")) {
				return new FailureAnalysis("PostgreSQL cannot be reached: " + cause.getMessage(),
						"Start PostgreSQL, or set SPRING_DATASOURCE_URL (and _USERNAME, _PASSWORD) to one that runs.",
						cause);
			}
			if (state.startsWith("28")) {
				return new FailureAnalysis("PostgreSQL refused the credentials: " + cause.getMessage(),
						"Set SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD to a role that may connect.",
						cause);
			}
			return null;
		}

	}

}
