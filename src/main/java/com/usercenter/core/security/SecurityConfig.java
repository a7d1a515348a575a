package com.usercenter.core.security;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import com.usercenter.core.CurrentUser;
import com.usercenter.core.RequestId;
import com.usercenter.core.SecondFactorAuthorities;
import com.usercenter.core.errors.PreControllerErrors;
import com.usercenter.core.web.WebSettings;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
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
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
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

	@Bean
	BearerTokenResolver bearerTokenResolver() {
		return new BearerTokens();
	}

	@Bean
	HttpFirewall httpFirewall() {
		return BearerTokens.firewall();
	}

	/**
	 * Metrics tell an attacker the JVM version and which endpoints fail: on the main port
	 * they need role ADMIN. With {@code management.server.port} set, actuator moves to
	 * that port (kept off the public network) and is open there for the scraper. A
	 * token's roles ({@value CurrentUser#ROLES_CLAIM}) are its authorities
	 * ({@code ROLE_ADMIN}); the {@link JwtDecoder} is the one {@code token} declares.
	 */
	@Bean
	@Order(10)
	SecurityFilterChain apiSecurity(HttpSecurity http, PreControllerErrors errors,
			@Value("${management.server.port:}") String managementPort,
			@Value("${usercenter.admin.require-second-factor:true}") boolean requireSecondFactor) throws Exception {
		JwtAuthenticationConverter principals = new JwtAuthenticationConverter();
		principals.setJwtGrantedAuthoritiesConverter(SecurityConfig::authorities);
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
			.oauth2ResourceServer((resourceServer) -> resourceServer.authenticationEntryPoint(errors)
				.accessDeniedHandler(errors)
				.jwt((jwt) -> jwt.jwtAuthenticationConverter(principals)))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(errors).accessDeniedHandler(errors));
		return http.build();
	}

	/**
	 * A token's roles ({@value CurrentUser#ROLES_CLAIM}) as {@code ROLE_*} authorities,
	 * and the factors its session was signed in with ({@value CurrentUser#AMR_CLAIM}) as
	 * Spring Security's {@link FactorGrantedAuthority}: {@code FACTOR_PASSWORD} for
	 * {@code pwd}, {@code FACTOR_TOTP} for {@code otp} (a TOTP or recovery code),
	 * {@code FACTOR_WEBAUTHN} for {@code hwk} (a passkey), issued at the token's
	 * {@code iat}.
	 */
	static Collection<GrantedAuthority> authorities(Jwt jwt) {
		List<GrantedAuthority> authorities = new ArrayList<>();
		List<String> roles = jwt.getClaimAsStringList(CurrentUser.ROLES_CLAIM);
		for (String role : (roles != null) ? roles : List.<String>of()) {
			authorities.add(new SimpleGrantedAuthority("ROLE_" + role));
		}
		List<String> amr = jwt.getClaimAsStringList(CurrentUser.AMR_CLAIM);
		Instant at = (jwt.getIssuedAt() != null) ? jwt.getIssuedAt() : Instant.EPOCH;
		for (String method : (amr != null) ? amr : List.<String>of()) {
			String factor = switch (method) {
				case "pwd" -> FactorGrantedAuthority.PASSWORD_AUTHORITY;
				case "otp" -> SecondFactorAuthorities.TOTP;
				case "hwk" -> SecondFactorAuthorities.PASSKEY;
				default -> null;
			};
			if (factor != null) {
				authorities.add(FactorGrantedAuthority.withAuthority(factor).issuedAt(at).build());
			}
		}
		return authorities;
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
