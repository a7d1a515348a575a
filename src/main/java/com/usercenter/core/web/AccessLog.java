package com.usercenter.core.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.usercenter.core.ErrorCode;
import com.usercenter.core.errors.EnvelopeResponder;
import com.usercenter.core.metrics.Outcome;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * One line per request on the logger {@code usercenter.access}: method, route (the path
 * template, never the path itself, which may carry an id or a file name), status and
 * milliseconds; the request id comes with it from the log context. Never a header, a
 * query or a body.
 * <p>
 * A request refused before it reached a controller (401 or 403 by the security filters,
 * 429 or 415 by the body guards) has no route yet: it is looked up here, for the line and
 * for the {@code http_server_requests} metric's {@code uri} tag, which would otherwise
 * say {@code UNKNOWN}.
 */
final class AccessLog extends OncePerRequestFilter {

	static final String LOGGER = "usercenter.access";

	static final String UNMATCHED = "[unmatched]";

	private static final Logger log = LoggerFactory.getLogger(LOGGER);

	private final ObjectProvider<RequestMappingHandlerMapping> routes;

	private final ObjectProvider<MeterRegistry> meters;

	AccessLog(ObjectProvider<RequestMappingHandlerMapping> routes, ObjectProvider<MeterRegistry> meters) {
		this.routes = routes;
		this.meters = meters;
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
			count(request);
			if (log.isInfoEnabled()) {
				log.info("{} {} {} {} ms", request.getMethod(), route, response.getStatus(),
						(System.nanoTime() - started) / 1_000_000);
			}
		}
	}

	private void count(HttpServletRequest request) {
		if (!(request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof HandlerMethod handler)) {
			return;
		}
		Outcome outcome = handler.getMethodAnnotation(Outcome.class);
		if (outcome != null) {
			MeterRegistry registry = this.meters.getIfAvailable();
			if (registry != null) {
				Object code = request.getAttribute(EnvelopeResponder.ANSWER_CODE);
				String result = (code == null) ? "unanswered"
						: (Integer.valueOf(ErrorCode.SUCCESS.code()).equals(code) ? "success" : code.toString());
				registry.counter(outcome.counter(), "method", outcome.method(), "result", result).increment();
			}
		}
	}

	private String route(HttpServletRequest request) {
		if (request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String pattern) {
			// the static-resource handler takes every path no controller took
			return "/**".equals(pattern) ? UNMATCHED : pattern;
		}
		String pattern = lookUp(request);
		if (pattern == null) {
			return request.getRequestURI().startsWith("/actuator/") ? "/actuator/**" : UNMATCHED;
		}
		ServerHttpObservationFilter.findObservationContext(request).ifPresent((context) -> {
			if (context.getPathPattern() == null) {
				context.setPathPattern(pattern);
			}
		});
		return pattern;
	}

	private String lookUp(HttpServletRequest request) {
		RequestMappingHandlerMapping mapping = this.routes.getIfAvailable();
		if (mapping == null) {
			return null;
		}
		Object previous = request.getAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
		try {
			if (previous == null) {
				ServletRequestPathUtils.parseAndCache(request);
			}
			return (mapping.getHandler(request) != null
					&& request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String pattern)
							? pattern : null;
		}
		catch (Exception ex) {
			// no route for this method or media type: the answer already says so
			return null;
		}
		finally {
			if (previous == null) {
				ServletRequestPathUtils.clearParsedRequestPath(request);
			}
		}
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return true;
	}

}
