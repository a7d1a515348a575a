package com.usercenter.token;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import com.usercenter.core.ApiException;
import com.usercenter.core.CurrentUser;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.SecondFactorAuthorities;

import org.springframework.core.MethodParameter;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What a verified access token says about its bearer, read with the claim names this
 * feature writes ({@link AccessTokens}): the roles Spring Security checks, and the
 * {@link CurrentUser} controllers declare as a parameter.
 */
@Component
class JwtPrincipal implements WebMvcConfigurer {

	/** Roles as Spring Security authorities ({@code ROLE_ADMIN}). */
	@Component
	static class Roles implements Converter<Jwt, AbstractAuthenticationToken> {

		private final JwtAuthenticationConverter converter = new JwtAuthenticationConverter();

		Roles() {
			this.converter.setJwtGrantedAuthoritiesConverter(Roles::authorities);
		}

		@Override
		public AbstractAuthenticationToken convert(Jwt jwt) {
			return this.converter.convert(jwt);
		}

		/**
		 * The roles, and the factors the session was signed in with as Spring Security's
		 * {@link FactorGrantedAuthority}: {@code FACTOR_PASSWORD} for {@code pwd},
		 * {@code FACTOR_TOTP} for {@code otp} (a TOTP or recovery code),
		 * {@code FACTOR_WEBAUTHN} for {@code hwk} (a passkey).
		 */
		private static List<GrantedAuthority> authorities(Jwt jwt) {
			List<GrantedAuthority> authorities = new ArrayList<>();
			for (String role : roles(jwt)) {
				authorities.add(new SimpleGrantedAuthority("ROLE_" + role));
			}
			List<String> amr = jwt.getClaimAsStringList(AccessTokens.AMR_CLAIM);
			if (amr != null) {
				Instant at = (jwt.getIssuedAt() != null) ? jwt.getIssuedAt() : Instant.EPOCH;
				for (String method : amr) {
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
			}
			return authorities;
		}

	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new CurrentUserResolver());
	}

	private static List<String> roles(Jwt jwt) {
		List<String> roles = jwt.getClaimAsStringList(AccessTokens.ROLES_CLAIM);
		return (roles != null) ? roles : List.of();
	}

	/**
	 * Fills {@link CurrentUser} controller parameters from the request's verified JWT.
	 */
	private static final class CurrentUserResolver implements HandlerMethodArgumentResolver {

		@Override
		public boolean supportsParameter(MethodParameter parameter) {
			return parameter.getParameterType() == CurrentUser.class;
		}

		@Override
		public CurrentUser resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
				NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			if (!(authentication instanceof JwtAuthenticationToken token)) {
				throw new ApiException(ErrorCode.AUTHENTICATION_REQUIRED);
			}
			Jwt jwt = token.getToken();
			return new CurrentUser(Long.parseLong(jwt.getSubject()),
					UUID.fromString(jwt.getClaimAsString(AccessTokens.SESSION_CLAIM)),
					jwt.getClaimAsString(AccessTokens.TENANT_CLAIM), new LinkedHashSet<>(roles(jwt)));
		}

	}

}
