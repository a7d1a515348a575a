package com.usercenter.core.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * The route of a request: the path template and handler method Spring MVC chose, or, for
 * a request refused before it reached a controller (401 or 403 by the security filters,
 * 429 or 413 by {@link ArrivingBodies}), the ones it would have chosen, looked up after
 * the answer. For the access line, the HTTP metric's {@code uri} tag and the outcome
 * counts.
 */
final class Routes {

	private final ObjectProvider<RequestMappingHandlerMapping> mappings;

	Routes(ObjectProvider<RequestMappingHandlerMapping> mappings) {
		this.mappings = mappings;
	}

	/** The path template, or null when no controller takes the request. */
	String pattern(HttpServletRequest request) {
		if (request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) == null) {
			lookUp(request);
		}
		return (request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String pattern)
				? pattern : null;
	}

	/** The controller method, or null when no controller takes the request. */
	HandlerMethod handler(HttpServletRequest request) {
		if (request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) == null) {
			lookUp(request);
		}
		return (request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof HandlerMethod handler)
				? handler : null;
	}

	/** Asks the mapping, which notes what it found on the request as it does for MVC. */
	private void lookUp(HttpServletRequest request) {
		RequestMappingHandlerMapping mapping = this.mappings.getIfAvailable();
		if (mapping == null) {
			return;
		}
		Object previous = request.getAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
		try {
			if (previous == null) {
				ServletRequestPathUtils.parseAndCache(request);
			}
			mapping.getHandler(request);
		}
		catch (Exception ex) {
			// no route for this method or media type: the answer already says so
		}
		finally {
			if (previous == null) {
				ServletRequestPathUtils.clearParsedRequestPath(request);
			}
		}
	}

}
