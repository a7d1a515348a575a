package com.usercenter.core.errors;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.ExpiredOrRevokedToken;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.authorization.FactorAuthorizationDecision;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The one way out before a controller. A servlet filter that refuses a request (a body
 * too large, too slow or with no place left, a tenant signature, a database that cannot
 * answer) throws its fact, and this filter, which runs around all of them, answers it;
 * Spring Security hands its refusals (a bearer token, a role) to the same place as the
 * entry point and access-denied handler. Each answer is the envelope with its status,
 * {@code Retry-After} and request id, written by the {@link EnvelopeResponder}; nothing
 * reaches Tomcat as a servlet failure, whose log would quote the exception's message.
 * <p>
 * Failures of the connection itself (an {@link IOException}: the client gone, a read that
 * timed out) and failures after the answer was committed are not answered: they go on to
 * Tomcat as before.
 */
@Component
public class PreControllerErrors extends OncePerRequestFilter implements AuthenticationEntryPoint, AccessDeniedHandler {

	private static final Logger log = LoggerFactory.getLogger(PreControllerErrors.class);

	private final EnvelopeResponder responder;

	PreControllerErrors(EnvelopeResponder responder) {
		this.responder = responder;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (ServletException | RuntimeException ex) {
			if (response.isCommitted()) {
				throw ex;
			}
			ApiException fact = factOf(ex);
			if (fact == null) {
				log.error("Unexpected failure before the controller", Failures.redacted(ex));
				fact = new ApiException(ErrorCode.INTERNAL_ERROR);
			}
			this.responder.write(request, response, fact);
		}
	}

	/**
	 * 40101 for an expired or revoked token, 40100 for a missing or unreadable one, or
	 * the fact the decoder reported (50300 when it could not ask the database).
	 */
	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		ApiException fact = GlobalExceptionHandler.causeOf(authException, ApiException.class);
		if (fact == null) {
			response.setHeader("WWW-Authenticate", "Bearer");
			fact = new ApiException((GlobalExceptionHandler.causeOf(authException, ExpiredOrRevokedToken.class) != null)
					? ErrorCode.TOKEN_EXPIRED : ErrorCode.AUTHENTICATION_REQUIRED);
		}
		this.responder.write(request, response, fact);
	}

	/**
	 * 40300 for a role the caller lacks; 40303 when what is missing is a factor the
	 * session was not signed in with (Spring Security's
	 * {@link FactorAuthorizationDecision}).
	 */
	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		boolean factorMissing = accessDeniedException instanceof AuthorizationDeniedException denied
				&& denied.getAuthorizationResult() instanceof FactorAuthorizationDecision;
		this.responder.write(request, response,
				new ApiException(factorMissing ? ErrorCode.SECOND_FACTOR_SESSION_REQUIRED : ErrorCode.FORBIDDEN));
	}

	/**
	 * The fact a failure outside Spring MVC answers: its own {@link ApiException}, or
	 * 50300 for a database that cannot answer now; null for a failure of ours.
	 */
	static ApiException factOf(Throwable failure) {
		ApiException api = GlobalExceptionHandler.causeOf(failure, ApiException.class);
		if (api != null) {
			return api;
		}
		if (failure != null && GlobalExceptionHandler.databaseUnreachable(failure)) {
			log.warn("Database unavailable: {}", failure.getClass().getSimpleName());
			return new ApiException(ErrorCode.UNAVAILABLE);
		}
		return null;
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return true;
	}

}
