package com.usercenter.core.errors;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import com.usercenter.core.ApiException;
import com.usercenter.core.Envelope;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.ErrorData;
import com.usercenter.core.RequestId;
import com.usercenter.core.RetryAfter;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The one place an error becomes an answer, whoever answers: the MVC exception handler,
 * the {@code /error} controller, security handlers, servlet filters and Tomcat's own
 * error valve. The language ({@code Accept-Language}, Simplified Chinese by default) and
 * the {@code Retry-After} header are decided here and nowhere else.
 */
@Component
public class EnvelopeResponder {

	private final MessageSource messages;

	private final JsonMapper json;

	private final LocaleResolver localeResolver;

	EnvelopeResponder(MessageSource messages, JsonMapper json, LocaleResolver localeResolver) {
		this.messages = messages;
		this.json = json;
		this.localeResolver = localeResolver;
	}

	/** An error answer for Spring MVC. */
	ResponseEntity<Envelope<Object>> entity(HttpServletRequest request, ErrorCode code, ErrorData data) {
		return new ResponseEntity<>(envelope(request, code, data), headers(data), HttpStatusCode.valueOf(status(code)));
	}

	/**
	 * Writes an error answer straight to the response, for code that runs outside Spring
	 * MVC.
	 */
	public void write(HttpServletRequest request, HttpServletResponse response, ErrorCode code, ErrorData data)
			throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.resetBuffer();
		response.setStatus(status(code));
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		headers(data).forEach((name, values) -> values.forEach((value) -> response.addHeader(name, value)));
		this.json.writeValue(response.getOutputStream(), envelope(request, code, data));
	}

	public void write(HttpServletRequest request, HttpServletResponse response, ApiException ex) throws IOException {
		write(request, response, ex.errorCode(), ex.data());
	}

	/** The body of an error answer, as JSON text: for Tomcat's error valve. */
	String json(HttpServletRequest request, ErrorCode code) {
		return this.json.writeValueAsString(envelope(request, code, null));
	}

	/**
	 * The envelope code a request was answered with, for
	 * {@link com.usercenter.core.web.AccessLog}'s outcomes.
	 */
	public static final String ANSWER_CODE = EnvelopeResponder.class.getName() + ".code";

	static void answered(HttpServletRequest request, int code) {
		if (request != null) {
			request.setAttribute(ANSWER_CODE, code);
		}
	}

	private Envelope<Object> envelope(HttpServletRequest request, ErrorCode code, ErrorData data) {
		answered(request, code.code());
		return new Envelope<>(code.code(), message(code, locale(request)), data, RequestId.current());
	}

	/** The caller's language, by the service's one rule. */
	Locale locale(HttpServletRequest request) {
		return (request != null) ? this.localeResolver.resolveLocale(request) : Locale.SIMPLIFIED_CHINESE;
	}

	String message(ErrorCode code, Locale locale) {
		return this.messages.getMessage(code.messageKey(), null, code.name(), locale);
	}

	private static int status(ErrorCode code) {
		return code.status().value();
	}

	private static HttpHeaders headers(ErrorData data) {
		HttpHeaders headers = new HttpHeaders();
		if (data instanceof RetryAfter retry) {
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retry.retryAfter()));
		}
		return headers;
	}

}
