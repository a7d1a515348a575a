package com.usercenter.core.errors;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.usercenter.core.ApiException;
import com.usercenter.core.Envelope;
import com.usercenter.core.ErrorCode;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Hidden;

/**
 * Answers what the servlet container routes to {@code /error} in the envelope, replacing
 * Spring Boot's whitelabel page: an error status sent by Tomcat or a filter, or a failure
 * {@link PreControllerErrors} leaves to Tomcat (an I/O failure, or one after the answer
 * was committed).
 */
@Hidden
@RestController
class EnvelopeErrorController implements ErrorController {

	private static final Logger log = LoggerFactory.getLogger(EnvelopeErrorController.class);

	private final EnvelopeResponder responder;

	EnvelopeErrorController(EnvelopeResponder responder) {
		this.responder = responder;
	}

	@RequestMapping("${spring.web.error.path:/error}")
	ResponseEntity<Envelope<Object>> error(HttpServletRequest request) {
		Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
		ApiException fact = PreControllerErrors.factOf(failure);
		if (fact != null) {
			return this.responder.entity(request, fact.errorCode(), fact.data());
		}
		Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		ErrorCode code = ErrorCode.forStatus((status instanceof Integer value) ? value : 404);
		if (code == ErrorCode.INTERNAL_ERROR && failure != null) {
			log.error("Unexpected failure outside MVC", Failures.redacted(failure));
		}
		return this.responder.entity(request, code, null);
	}

}
