package com.usercenter.tenant;

import com.usercenter.core.errors.PreControllerErrors;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * The tenant API's own filter chain: every request must carry a valid tenant signature.
 */
@Configuration(proxyBeanMethods = false)
class TenantSecurityConfig {

	static final String[] TENANT_PATHS = { "/sessions-rest/**", "/user-rest/**" };

	@Bean
	@Order(5)
	SecurityFilterChain tenantSecurity(HttpSecurity http, TenantAuthenticator authenticator, PreControllerErrors errors)
			throws Exception {
		http.securityMatcher(TENANT_PATHS)
			.csrf(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.addFilterBefore(new TenantSignatureFilter(authenticator), AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests((authorize) -> authorize.anyRequest().hasRole("TENANT"))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(errors).accessDeniedHandler(errors));
		return http.build();
	}

}
