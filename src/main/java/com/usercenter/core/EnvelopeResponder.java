package com.usercenter.core;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Builds localized envelopes, for the global handler and for servlet filters that answer
 * before any controller runs (tenant signature, security, size limits).
 */
@Component
public class EnvelopeResponder {

	private final MessageSource messages;

	private final JsonMapper json;

	EnvelopeResponder(MessageSource messages, JsonMapper json) {
		this.messages = messages;
		this.json = json;
	}

	public Envelope<Object> error(ErrorCode code, Object data) {
		return new Envelope<>(code.code(), message(code, LocaleContextHolder.getLocale()), data, RequestId.current());
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
