package com.usercenter.core.startup;

import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Once the service is ready, one line that says where it is: its URL, Swagger UI, where
 * health and metrics are, and which providers it talks to.
 */
@Component
class StartupLine {

	private static final Logger log = LoggerFactory.getLogger(StartupLine.class);

	private final List<ProviderStatus> providers;

	private final String managementPort;

	StartupLine(List<ProviderStatus> providers, @Value("${management.server.port:}") String managementPort) {
		this.providers = providers;
		this.managementPort = managementPort;
	}

	@EventListener
	void on(ApplicationReadyEvent ready) {
		if (ready.getApplicationContext() instanceof WebServerApplicationContext web && web.getWebServer() != null) {
			log.info(line(web.getWebServer().getPort()));
		}
	}

	String line(int port) {
		String base = "http://localhost:" + port;
		String actuator = this.managementPort.isBlank() ? base + "/actuator (metrics need an ADMIN token)"
				: "port " + this.managementPort + " (/actuator/health, /actuator/prometheus)";
		return "User Center is ready at " + base + "; Swagger UI " + base + "/swagger-ui.html; health and metrics on "
				+ actuator + "; providers: "
				+ this.providers.stream().map(ProviderStatus::describe).collect(Collectors.joining(", "));
	}

}
