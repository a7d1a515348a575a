package com.usercenter.core.errors;

import jakarta.servlet.http.HttpServletRequest;

import com.usercenter.core.Envelope;

import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Fills the localized message and the trace id into every success envelope a controller
 * answers.
 */
@RestControllerAdvice
class EnvelopeBodyAdvice implements ResponseBodyAdvice<Object> {

	private final EnvelopeResponder responder;

	EnvelopeBodyAdvice(EnvelopeResponder responder) {
		this.responder = responder;
	}

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
			Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
			ServerHttpResponse response) {
		if (body instanceof Envelope<?> envelope && envelope.msg() == null) {
			HttpServletRequest servlet = (request instanceof ServletServerHttpRequest http) ? http.getServletRequest()
					: null;
			return this.responder.localized(servlet, envelope);
		}
		return body;
	}

}
