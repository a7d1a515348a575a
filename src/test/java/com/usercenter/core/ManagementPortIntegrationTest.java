package com.usercenter.core;

import com.usercenter.support.Api;
import com.usercenter.support.ApiTestBase;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code management.server.port} set, health and metrics live on that port only
 * (kept off the public network, open there for the scraper), and the public port serves
 * no actuator at all.
 */
@TestPropertySource(properties = "management.server.port=0")
// a context of its own: closed after the class, so its connections go back to PostgreSQL
@DirtiesContext
class ManagementPortIntegrationTest extends ApiTestBase {

	@LocalManagementPort
	private int managementPort;

	@Test
	void metricsAndHealthAreOnTheManagementPortOnly() {
		Api management = new Api(this.managementPort);

		Api.Answer metrics = management.get("/actuator/prometheus");
		Api.Answer health = management.get("/actuator/health/readiness");

		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.text()).contains("jvm_memory_used_bytes");
		assertThat(health.status()).isEqualTo(200);
		assertThat(api().get("/actuator/prometheus", adminToken()).code()).isEqualTo(40400);
	}

}
