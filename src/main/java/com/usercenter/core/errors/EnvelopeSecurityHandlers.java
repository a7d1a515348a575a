package com.usercenter.core.errors;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

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

/**
 * Answers security-filter failures in the envelope: 40101 for an expired or revoked
 * token, 40100 for a missing or unreadable one, 40300 for a role the caller lacks.
 */
@Component
public class EnvelopeSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final EnvelopeResponder responder;

	EnvelopeSecurityHandlers(EnvelopeResponder responder) {
		this.responder = responder;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		ErrorCode code = (GlobalExceptionHandler.causeOf(authException, ExpiredOrRevokedToken.class) != null)
				? ErrorCode.TOKEN_EXPIRED : ErrorCode.AUTHENTICATION_REQUIRED;
		ApiException api = GlobalExceptionHandler.causeOf(authException, ApiException.class);
		if (api != null) {
			this.responder.write(request, response, api);
			return;
		}
		response.setHeader("WWW-Authenticate", "Bearer");
		this.responder.write(request, response, code, null);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		boolean factorMissing = accessDeniedException instanceof AuthorizationDeniedException denied
				&& denied.getAuthorizationResult() instanceof FactorAuthorizationDecision;
		this.responder.write(request, response,
				factorMissing ? ErrorCode.SECOND_FACTOR_SESSION_REQUIRED : ErrorCode.FORBIDDEN, null);
	}

}
