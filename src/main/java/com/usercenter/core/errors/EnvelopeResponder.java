package com.usercenter.core.errors;

import java.io.IOException;
import java.util.Locale;
import java.util.OptionalInt;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.micrometer.observation.Observation;
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
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The one place an envelope is made, whoever answers: the MVC exception handler and body
 * advice, the {@code /error} controller, {@link PreControllerErrors} (for the servlet
 * filters and security handlers) and Tomcat's own error valve. The language
 * ({@code Accept-Language}, Simplified Chinese by default) and the {@code Retry-After}
 * header are decided here and nowhere else, and the code each request was answered with
 * is noted on its HTTP server observation for the outcome counts.
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
	 * Writes an error answer straight to the response, for {@link PreControllerErrors}:
	 * nothing else outside Spring MVC answers an error by itself.
	 */
	void write(HttpServletRequest request, HttpServletResponse response, ApiException ex) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.resetBuffer();
		response.setStatus(status(ex.errorCode()));
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		headers(ex.data()).forEach((name, values) -> values.forEach((value) -> response.addHeader(name, value)));
		this.json.writeValue(response.getOutputStream(), envelope(request, ex.errorCode(), ex.data()));
	}

	/** The body of an error answer, as JSON text: for Tomcat's error valve. */
	String json(HttpServletRequest request, ErrorCode code) {
		return this.json.writeValueAsString(envelope(request, code, null));
	}

	/** A controller's envelope with its message and trace id: for the body advice. */
	Envelope<?> localized(HttpServletRequest request, Envelope<?> envelope) {
		note(request, envelope.code());
		return envelope.localized(message(ErrorCode.SUCCESS, locale(request)), RequestId.current());
	}

	/**
	 * The envelope code a request was answered with, as noted on its HTTP server
	 * observation: what {@link com.usercenter.core.metrics.Outcome} counts.
	 */
	public static OptionalInt answered(Observation.Context observation) {
		Answered answered = observation.get(Answered.class);
		return (answered != null) ? OptionalInt.of(answered.code()) : OptionalInt.empty();
	}

	private static void note(HttpServletRequest request, int code) {
		if (request != null) {
			ServerHttpObservationFilter.findObservationContext(request)
				.ifPresent((observation) -> observation.put(Answered.class, new Answered(code)));
		}
	}

	private Envelope<Object> envelope(HttpServletRequest request, ErrorCode code, ErrorData data) {
		note(request, code.code());
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

	/** The code of the answer, noted on the request's HTTP server observation. */
	private record Answered(int code) {
	}

	private static HttpHeaders headers(ErrorData data) {
		HttpHeaders headers = new HttpHeaders();
		if (data instanceof RetryAfter retry) {
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retry.retryAfter()));
		}
		return headers;
	}

}
