package com.usercenter.core.startup;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StartupLineUnitTest {

	@Test
	void saysWhereTheServiceItsDocsAndItsMetricsAreAndWhichProvidersItUses() {
		List<ProviderStatus> providers = List.of(() -> "SMS: aliyun", () -> "carrier one-tap: off");

		String line = new StartupLine(providers, "8081").line(8080);
		String mainPort = new StartupLine(providers, "").line(8080);

		assertThat(line).contains("http://localhost:8080", "http://localhost:8080/swagger-ui.html",
				"port 8081 (/actuator/health, /actuator/prometheus)", "providers: SMS: aliyun, carrier one-tap: off");
		assertThat(mainPort).contains("http://localhost:8080/actuator (metrics need an ADMIN token)");
	}

}
