package com.usercenter.tenant;

import java.io.IOException;
import java.util.Enumeration;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.web.CachedBody;

import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.TransactionException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates tenant API requests by their signature headers. The body is read once
 * here ({@link CachedBody}), hashed for the signature, and handed on to the controller
 * unchanged. A request that fails is refused by throwing its fact (40103, 40302, 40104,
 * 50300 when the database cannot answer), which
 * {@link com.usercenter.core.errors.PreControllerErrors} answer.
 */
class TenantSignatureFilter extends OncePerRequestFilter {

	private static final List<String> SIGNATURE_HEADERS = List.of("X-Tenant-Key", "X-Timestamp", "X-Nonce",
			"X-Signature");

	private final TenantAuthenticator authenticator;

	TenantSignatureFilter(TenantAuthenticator authenticator) {
		this.authenticator = authenticator;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (anySentTwice(request, SIGNATURE_HEADERS)) {
			// which one would be checked and which one a proxy logged is anyone's guess
			throw new ApiException(ErrorCode.TENANT_SIGNATURE_INVALID);
		}
		CachedBody body = CachedBody.read(request);
		TenantPrincipal tenant;
		try {
			tenant = this.authenticator.authenticate(new TenantAuthenticator.SignedRequest(
					request.getHeader("X-Tenant-Key"), request.getHeader("X-Timestamp"), request.getHeader("X-Nonce"),
					request.getHeader("X-Signature"), request.getMethod(), request.getRequestURI(),
					request.getQueryString(), body.bytes()));
		}
		catch (DataAccessException | TransactionException ex) {
			// the database is down: say so (50300) rather than calling the signature bad
			throw new ApiException(ErrorCode.UNAVAILABLE);
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(tenant, null,
				List.of(new SimpleGrantedAuthority("ROLE_TENANT"))));
		SecurityContextHolder.setContext(context);
		try {
			chain.doFilter(body, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	private static boolean anySentTwice(HttpServletRequest request, List<String> names) {
		for (String name : names) {
			Enumeration<String> values = request.getHeaders(name);
			if (values != null && values.hasMoreElements()) {
				values.nextElement();
				if (values.hasMoreElements()) {
					return true;
				}
			}
		}
		return false;
	}

}
