package com.usercenter.core.security;

import java.util.List;

import com.usercenter.core.RequestId;
import com.usercenter.core.SecondFactorAuthorities;
import com.usercenter.core.errors.EnvelopeSecurityHandlers;
import com.usercenter.core.web.WebSettings;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.core.convert.converter.Converter;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AllRequiredFactorsAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.FactorAuthorizationDecision;
import org.springframework.security.authorization.RequiredFactor;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Who may call what. Inside {@code /api/v1} everything needs a user token except the
 * sign-in, verification and catalog endpoints listed here, and {@code /api/v1/admin}
 * needs role ADMIN; the tenant API has its own chain. Outside {@code /api/v1} (docs,
 * health, JWKS, unknown paths) is open, so an unknown path answers 40400 rather than
 * 40100.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

	/** Open for every method, so a wrong method answers 40500 rather than 40100. */
	private static final String[] PUBLIC = { "/api/v1/auth/register", "/api/v1/auth/login/**", "/api/v1/auth/refresh",
			"/api/v1/auth/password/reset", "/api/v1/auth/exists", "/api/v1/verification-codes",
			"/api/v1/verification-codes/verify" };

	private static final String[] PUBLIC_READS = { "/api/v1/captcha", "/api/v1/hobbies", "/api/v1/avatars/defaults",
			"/api/v1/avatars/files/**", "/api/v1/communities", "/api/v1/app/upgrade" };

	/**
	 * Metrics tell an attacker the JVM version and which endpoints fail: on the main port
	 * they need role ADMIN. With {@code management.server.port} set, actuator moves to
	 * that port (kept off the public network) and is open there for the scraper.
	 */
	@Bean
	BearerTokenResolver bearerTokenResolver() {
		return new BearerTokens();
	}

	@Bean
	HttpFirewall httpFirewall() {
		return BearerTokens.firewall();
	}

	@Bean
	@Order(10)
	SecurityFilterChain apiSecurity(HttpSecurity http, EnvelopeSecurityHandlers handlers,
			Converter<Jwt, AbstractAuthenticationToken> principals,
			@Value("${management.server.port:}") String managementPort,
			@Value("${usercenter.admin.require-second-factor:true}") boolean requireSecondFactor) throws Exception {
		boolean metricsOnMainPort = managementPort.isBlank();
		http.csrf(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.cors((cors) -> {
			})
			.headers((headers) -> headers
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
			.authorizeHttpRequests((authorize) -> authorize.requestMatchers(PUBLIC)
				.permitAll()
				.requestMatchers(HttpMethod.GET, PUBLIC_READS)
				.permitAll()
				.requestMatchers(HttpMethod.OPTIONS, "/api/v1/**")
				.permitAll()
				.requestMatchers("/api/v1/admin/**")
				.access(admins(requireSecondFactor))
				.requestMatchers("/api/v1/**")
				.authenticated()
				.requestMatchers("/actuator/prometheus")
				.access((authentication,
						context) -> new AuthorizationDecision(!metricsOnMainPort || authentication.get()
							.getAuthorities()
							.stream()
							.anyMatch((authority) -> "ROLE_ADMIN".equals(authority.getAuthority()))))
				.anyRequest()
				.permitAll())
			.oauth2ResourceServer((resourceServer) -> resourceServer.authenticationEntryPoint(handlers)
				.accessDeniedHandler(handlers)
				.jwt((jwt) -> jwt.jwtAuthenticationConverter(principals)))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(handlers).accessDeniedHandler(handlers));
		return http.build();
	}

	/**
	 * Role ADMIN, and with {@code usercenter.admin.require-second-factor} (the default) a
	 * session signed in with a second factor (TOTP or passkey): an admin can read and
	 * change everyone. Without the factor the denial is a
	 * {@link FactorAuthorizationDecision}, which the handlers answer as 40303.
	 */
	static AuthorizationManager<RequestAuthorizationContext> admins(boolean requireSecondFactor) {
		AuthorizationManager<RequestAuthorizationContext> admin = AuthorityAuthorizationManager.hasRole("ADMIN");
		if (!requireSecondFactor) {
			return admin;
		}
		AuthorizationManager<RequestAuthorizationContext> secondFactor = AllRequiredFactorsAuthorizationManager
			.anyOf(SecondFactorAuthorities.ANY.stream()
				.map((authority) -> AllRequiredFactorsAuthorizationManager.<RequestAuthorizationContext>builder()
					.requireFactor(RequiredFactor.withAuthority(authority).build())
					.build())
				.toArray(AllRequiredFactorsAuthorizationManager[]::new));
		return (authentication, context) -> {
			AuthorizationResult role = admin.authorize(authentication, context);
			return (role == null || !role.isGranted()) ? role : secondFactor.authorize(authentication, context);
		};
	}

	@Bean
	CorsConfigurationSource corsConfigurationSource(WebSettings settings) {
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		if (!settings.corsAllowedOrigins().isEmpty()) {
			CorsConfiguration cors = new CorsConfiguration();
			cors.setAllowedOrigins(settings.corsAllowedOrigins());
			cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
			cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept-Language", RequestId.HEADER));
			cors.setExposedHeaders(List.of(RequestId.HEADER, "Retry-After"));
			cors.setMaxAge(3600L);
			source.registerCorsConfiguration("/api/v1/**", cors);
		}
		return source;
	}

}
