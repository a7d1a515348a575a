package com.usercenter.core;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Builds localized envelopes, for the global handler and for servlet filters that answer
 * before any controller runs (tenant signature, security, size limits).
 */
@Component
public class EnvelopeResponder {

	private final MessageSource messages;

	private final JsonMapper json;

	private final ObjectProvider<LocaleResolver> localeResolver;

	EnvelopeResponder(MessageSource messages, JsonMapper json, ObjectProvider<LocaleResolver> localeResolver) {
		this.messages = messages;
		this.json = json;
		this.localeResolver = localeResolver;
	}

	public Envelope<Object> error(ErrorCode code, Object data) {
		return new Envelope<>(code.code(), message(code, locale()), data, RequestId.current());
	}

	/**
	 * The caller's language by the service's own rule, also for answers written by
	 * filters, where Spring MVC has not set the locale yet and the servlet container
	 * would fall back to the JVM's.
	 */
	Locale locale() {
		LocaleResolver resolver = this.localeResolver.getIfAvailable();
		if (resolver != null
				&& RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			return resolver.resolveLocale(attributes.getRequest());
		}
		return LocaleContextHolder.getLocale();
	}

	String message(ErrorCode code, Locale locale) {
		return this.messages.getMessage(code.messageKey(), null, code.name(), locale);
	}

	/**
	 * Writes an error envelope straight to the response, for code that runs outside
	 * Spring MVC.
	 */
	public void write(HttpServletResponse response, ErrorCode code, Object data) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.resetBuffer();
		response.setStatus(code.status().value());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		Long retryAfter = retryAfter(data);
		if (retryAfter != null) {
			response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter));
		}
		this.json.writeValue(response.getOutputStream(), error(code, data));
	}

	public void write(HttpServletResponse response, ApiException ex) throws IOException {
		write(response, ex.errorCode(), ex.data());
	}

	static Long retryAfter(Object data) {
		if (data instanceof RetryAfter retry) {
			return retry.retryAfter();
		}
		if (data instanceof Map<?, ?> map && map.get("retryAfter") instanceof Number number) {
			return number.longValue();
		}
		return null;
	}

}
