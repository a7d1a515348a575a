package com.usercenter.token;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * The {@code iss} of access tokens: {@code usercenter.token.issuer}, or else
 * {@code http://localhost:<port>} of the port the service listens on (known once the web
 * server has started).
 */
@Component
class TokenIssuer implements ApplicationListener<WebServerInitializedEvent> {

	private volatile String issuer;

	TokenIssuer(TokenSettings settings) {
		String configured = settings.issuer();
		this.issuer = (configured == null || configured.isBlank()) ? null
				: (configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured);
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if (this.issuer == null && !"management".equals(event.getApplicationContext().getServerNamespace())) {
			this.issuer = "http://localhost:" + event.getWebServer().getPort();
		}
	}

	String issuer() {
		String current = this.issuer;
		if (current == null) {
			throw new IllegalStateException("The issuer is known once the web server has started");
		}
		return current;
	}

}
