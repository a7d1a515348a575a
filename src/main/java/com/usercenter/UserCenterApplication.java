package com.usercenter;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * User Center: accounts, sign-in, tokens and profiles for mobile apps and partner
 * tenants.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class UserCenterApplication {

	/**
	 * Set by {@code ./mvnw spring-boot:run} (pom.xml): a stop is a graceful shutdown, not
	 * a failure, so once the service has closed it ends with status 0 instead of a
	 * signal's 143, which Maven would print as {@code BUILD FAILURE}.
	 */
	static final String STOP_EXITS_ZERO = "usercenter.stop-exits-zero";

	public static void main(String[] args) {
		if (Boolean.getBoolean(STOP_EXITS_ZERO)) {
			// runs after every context has closed (in-flight requests finished)
			SpringApplication.getShutdownHandlers().add(() -> Runtime.getRuntime().halt(0));
		}
		SpringApplication.run(UserCenterApplication.class, args);
	}

}
