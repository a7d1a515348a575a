package com.usercenter.tenant;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.errors.EnvelopeResponder;
import com.usercenter.core.web.FormBody;

import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.TransactionException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates tenant API requests by their signature headers. The body is read once
 * here, hashed for the signature, and handed on to the controller unchanged.
 */
class TenantSignatureFilter extends OncePerRequestFilter {

	private static final List<String> SIGNATURE_HEADERS = List.of("X-Tenant-Key", "X-Timestamp", "X-Nonce",
			"X-Signature");

	private final TenantAuthenticator authenticator;

	private final EnvelopeResponder responder;

	TenantSignatureFilter(TenantAuthenticator authenticator, EnvelopeResponder responder) {
		this.authenticator = authenticator;
		this.responder = responder;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		TenantPrincipal tenant;
		byte[] body;
		try {
			if (anySentTwice(request, SIGNATURE_HEADERS)) {
				// which one would be checked and which one a proxy logged is anyone's
				// guess
				throw new ApiException(ErrorCode.TENANT_SIGNATURE_INVALID);
			}
			body = request.getInputStream().readAllBytes();
			tenant = this.authenticator.authenticate(new TenantAuthenticator.SignedRequest(
					request.getHeader("X-Tenant-Key"), request.getHeader("X-Timestamp"), request.getHeader("X-Nonce"),
					request.getHeader("X-Signature"), request.getMethod(), request.getRequestURI(),
					request.getQueryString(), body));
		}
		catch (ApiException ex) {
			this.responder.write(request, response, ex);
			return;
		}
		catch (DataAccessException | TransactionException ex) {
			this.responder.write(request, response, ErrorCode.UNAVAILABLE, null);
			return;
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(tenant, null,
				List.of(new SimpleGrantedAuthority("ROLE_TENANT"))));
		SecurityContextHolder.setContext(context);
		try {
			chain.doFilter(new CachedBody(request, body), response);
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

	/**
	 * Replays the body already read, for the message converters; for a form body also its
	 * fields as request parameters, which is where Spring MVC reads a form POST from.
	 */
	private static final class CachedBody extends HttpServletRequestWrapper {

		private final byte[] body;

		private Map<String, String[]> parameters;

		CachedBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			if (this.parameters == null) {
				Map<String, List<String>> fields = new LinkedHashMap<>();
				addAll(fields, getQueryString());
				String type = getContentType();
				if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
					addAll(fields, new String(this.body, StandardCharsets.UTF_8));
				}
				Map<String, String[]> result = new LinkedHashMap<>();
				fields.forEach((name, values) -> result.put(name, values.toArray(String[]::new)));
				this.parameters = Collections.unmodifiableMap(result);
			}
			return this.parameters;
		}

		@Override
		public String getParameter(String name) {
			String[] values = getParameterMap().get(name);
			return (values != null && values.length > 0) ? values[0] : null;
		}

		@Override
		public String[] getParameterValues(String name) {
			return getParameterMap().get(name);
		}

		@Override
		public Enumeration<String> getParameterNames() {
			return Collections.enumeration(getParameterMap().keySet());
		}

		private static void addAll(Map<String, List<String>> fields, String encoded) {
			FormBody.parse(encoded, StandardCharsets.UTF_8)
				.forEach((name, values) -> fields.computeIfAbsent(name, (key) -> new ArrayList<>()).addAll(values));
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] b, int off, int len) {
					return in.read(b, off, len);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException();
				}

			};
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

	}

}
