package com.usercenter.core.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * One line per request on the logger {@code usercenter.access}: method, route (the path
 * template, never the path itself, which may carry an id or a file name), status and
 * milliseconds; the request id comes with it from the log context. Never a header, a
 * query or a body.
 * <p>
 * A request refused before it reached a controller (401 or 403 by the security filters,
 * 429 or 415 by the body guards) has no route yet: {@link Routes} looks it up, for the
 * line and for the {@code http_server_requests} metric's {@code uri} tag, which would
 * otherwise say {@code UNKNOWN}.
 */
final class AccessLog extends OncePerRequestFilter {

	static final String LOGGER = "usercenter.access";

	static final String UNMATCHED = "[unmatched]";

	private static final Logger log = LoggerFactory.getLogger(LOGGER);

	private final Routes routes;

	AccessLog(Routes routes) {
		this.routes = routes;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long started = System.nanoTime();
		try {
			chain.doFilter(request, response);
		}
		finally {
			String route;
			try {
				route = route(request);
			}
			catch (RuntimeException ex) {
				// a line without its route rather than a failed request
				route = UNMATCHED;
			}
			if (log.isInfoEnabled()) {
				log.info("{} {} {} {} ms", request.getMethod(), route, response.getStatus(),
						(System.nanoTime() - started) / 1_000_000);
			}
		}
	}

	private String route(HttpServletRequest request) {
		String pattern = this.routes.pattern(request);
		if (pattern == null) {
			return request.getRequestURI().startsWith("/actuator/") ? "/actuator/**" : UNMATCHED;
		}
		if ("/**".equals(pattern)) {
			// the static-resource handler takes every path no controller took
			return UNMATCHED;
		}
		ServerHttpObservationFilter.findObservationContext(request).ifPresent((context) -> {
			if (context.getPathPattern() == null) {
				context.setPathPattern(pattern);
			}
		});
		return pattern;
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return true;
	}

}
