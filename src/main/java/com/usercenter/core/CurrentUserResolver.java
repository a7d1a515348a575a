package com.usercenter.core;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Fills {@link CurrentUser} controller parameters from the request's verified JWT; 40100
 * when the request has none.
 */
@Component
class CurrentUserResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(this);
	}

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
		List<String> roles = jwt.getClaimAsStringList(CurrentUser.ROLES_CLAIM);
		return new CurrentUser(Long.parseLong(jwt.getSubject()),
				UUID.fromString(jwt.getClaimAsString(CurrentUser.SESSION_CLAIM)),
				jwt.getClaimAsString(CurrentUser.TENANT_CLAIM),
				new LinkedHashSet<>((roles != null) ? roles : List.of()));
	}

}
