package com.usercenter.token;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * OpenID Provider metadata (OpenID Connect Discovery 1.0, not enveloped), so a resource
 * server configured with the issuer alone (Spring Security's {@code issuer-uri}, Envoy,
 * Kong, {@code jose}) finds the keys and the algorithm. This service issues access tokens
 * through its own sign-in endpoints, not through OAuth authorization flows; the metadata
 * says what a verifier needs.
 */
@Tag(name = "tokens")
@RestController
class DiscoveryController {

	private final TokenIssuer issuer;

	DiscoveryController(TokenIssuer issuer) {
		this.issuer = issuer;
	}

	@Operation(summary = "OpenID Provider metadata: issuer, jwks_uri, algorithms (not enveloped)")
	@GetMapping(path = "/.well-known/openid-configuration", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> configuration() {
		String iss = this.issuer.issuer();
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("issuer", iss);
		metadata.put("jwks_uri", iss + "/.well-known/jwks.json");
		metadata.put("authorization_endpoint", iss + "/api/v1/auth/login/password");
		metadata.put("token_endpoint", iss + "/api/v1/auth/refresh");
		metadata.put("response_types_supported", List.of("token"));
		metadata.put("subject_types_supported", List.of("public"));
		metadata.put("id_token_signing_alg_values_supported", List.of("ES256"));
		metadata.put("token_endpoint_auth_methods_supported", List.of("none"));
		metadata.put("claims_supported", List.of("iss", "sub", "aud", "exp", "iat", "jti", "sid", "roles", "tk"));
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
			.body(metadata);
	}

}
