package com.usercenter.core;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestValueException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one place where a failure becomes an envelope. Nothing internal (class names, SQL,
 * stack traces) leaves the service; unexpected failures are logged with the request id
 * and answered 50000.
 */
@RestControllerAdvice
class GlobalExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(GlobalExceptionHandler.class);

	/**
	 * Unique constraints whose violation is a fact of the contract, should a service not
	 * translate it.
	 */
	private static final Map<String, ErrorCode> UNIQUE_FACTS = Map.of("uk_app_user_mobile", ErrorCode.MOBILE_IN_USE,
			"uk_app_user_email", ErrorCode.EMAIL_IN_USE, "uk_app_user_username", ErrorCode.USERNAME_IN_USE,
			"uk_user_identity_subject", ErrorCode.IDENTITY_BOUND);

	private final EnvelopeResponder responder;

	GlobalExceptionHandler(EnvelopeResponder responder) {
		this.responder = responder;
	}

	@ExceptionHandler(ApiException.class)
	ResponseEntity<Envelope<Object>> api(ApiException ex) {
		return answer(ex.errorCode(), ex.data());
	}

	@ExceptionHandler(BindException.class)
	ResponseEntity<Envelope<Object>> invalidBody(BindException ex) {
		List<FieldProblem> errors = ex.getBindingResult()
			.getAllErrors()
			.stream()
			.map((error) -> (error instanceof FieldError field)
					? new FieldProblem(field.getField(), fieldMessage(field))
					: new FieldProblem(error.getObjectName(), error.getDefaultMessage()))
			.toList();
		return invalid(errors);
	}

	@ExceptionHandler(HandlerMethodValidationException.class)
	ResponseEntity<Envelope<Object>> invalidParameters(HandlerMethodValidationException ex) {
		List<FieldProblem> errors = ex.getParameterValidationResults()
			.stream()
			.flatMap((result) -> result.getResolvableErrors()
				.stream()
				.map((error) -> new FieldProblem(result.getMethodParameter().getParameterName(),
						error.getDefaultMessage())))
			.toList();
		return invalid(errors);
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<Envelope<Object>> invalidConstraints(ConstraintViolationException ex) {
		List<FieldProblem> errors = ex.getConstraintViolations()
			.stream()
			.map((violation) -> new FieldProblem(lastNode(violation.getPropertyPath().toString()),
					violation.getMessage()))
			.toList();
		return invalid(errors);
	}

	@ExceptionHandler(MissingRequestValueException.class)
	ResponseEntity<Envelope<Object>> missing(MissingRequestValueException ex) {
		String name = (ex instanceof org.springframework.web.bind.MissingServletRequestParameterException missing)
				? missing.getParameterName() : "request";
		return invalid(List.of(new FieldProblem(name, "required")));
	}

	@ExceptionHandler(MissingServletRequestPartException.class)
	ResponseEntity<Envelope<Object>> missingPart(MissingServletRequestPartException ex) {
		return invalid(List.of(new FieldProblem(ex.getRequestPartName(), "required")));
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<Envelope<Object>> typeMismatch(MethodArgumentTypeMismatchException ex) {
		return invalid(List.of(new FieldProblem(ex.getName(), "wrong type")));
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<Envelope<Object>> unreadable(HttpMessageNotReadableException ex) {
		ApiException cause = causeOf(ex, ApiException.class);
		if (cause != null) {
			return api(cause);
		}
		log.debug("Unreadable body: {}", ex.getMostSpecificCause().getMessage());
		return answer(ErrorCode.UNREADABLE_BODY, null);
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ResponseEntity<Envelope<Object>> methodNotAllowed(HttpRequestMethodNotSupportedException ex) {
		ResponseEntity<Envelope<Object>> answer = answer(ErrorCode.METHOD_NOT_ALLOWED, null);
		HttpHeaders headers = new HttpHeaders();
		headers.putAll(answer.getHeaders());
		if (ex.getSupportedHttpMethods() != null) {
			headers.setAllow(ex.getSupportedHttpMethods());
		}
		return new ResponseEntity<>(answer.getBody(), headers, answer.getStatusCode());
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<Envelope<Object>> unsupportedMediaType() {
		return answer(ErrorCode.UNSUPPORTED_MEDIA_TYPE, null);
	}

	@ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
	ResponseEntity<Envelope<Object>> notAcceptable() {
		return answer(ErrorCode.INVALID_REQUEST, null);
	}

	@ExceptionHandler({ NoResourceFoundException.class, NoHandlerFoundException.class })
	ResponseEntity<Envelope<Object>> notFound() {
		return answer(ErrorCode.NOT_FOUND, null);
	}

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	ResponseEntity<Envelope<Object>> tooLarge() {
		return answer(ErrorCode.PAYLOAD_TOO_LARGE, null);
	}

	@ExceptionHandler(MultipartException.class)
	ResponseEntity<Envelope<Object>> badMultipart(MultipartException ex) {
		if (causeOf(ex, ApiException.class) != null) {
			return api(causeOf(ex, ApiException.class));
		}
		return answer(ErrorCode.INVALID_REQUEST, null);
	}

	@ExceptionHandler({ AccessDeniedException.class, AuthorizationDeniedException.class })
	ResponseEntity<Envelope<Object>> forbidden() {
		return answer(ErrorCode.FORBIDDEN, null);
	}

	@ExceptionHandler(AuthenticationException.class)
	ResponseEntity<Envelope<Object>> unauthenticated() {
		return answer(ErrorCode.AUTHENTICATION_REQUIRED, null);
	}

	@ExceptionHandler({ CannotCreateTransactionException.class, DataAccessResourceFailureException.class,
			TransientDataAccessResourceException.class, QueryTimeoutException.class })
	ResponseEntity<Envelope<Object>> databaseDown(Exception ex) {
		log.warn("Database unavailable: {}", ex.getClass().getSimpleName());
		return answer(ErrorCode.UNAVAILABLE, null);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Envelope<Object>> unexpected(Exception ex) {
		ApiException cause = causeOf(ex, ApiException.class);
		if (cause != null) {
			return api(cause);
		}
		if (databaseUnreachable(ex)) {
			log.warn("Database unavailable: {}", ex.getClass().getSimpleName());
			return answer(ErrorCode.UNAVAILABLE, null);
		}
		SQLException sql = causeOf(ex, SQLException.class);
		if (sql != null && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
			// a value the database cannot hold (a NUL character, an out-of-range number):
			// bad input
			return answer(ErrorCode.INVALID_REQUEST, null);
		}
		if (ex instanceof DataIntegrityViolationException violation) {
			for (Map.Entry<String, ErrorCode> unique : UNIQUE_FACTS.entrySet()) {
				if (UniqueConstraints.violated(violation, unique.getKey())) {
					return answer(unique.getValue(), null);
				}
			}
		}
		log.error("Unexpected failure", ex);
		return answer(ErrorCode.INTERNAL_ERROR, null);
	}

	private ResponseEntity<Envelope<Object>> invalid(List<FieldProblem> errors) {
		return answer(ErrorCode.INVALID_REQUEST, Map.of("errors", errors));
	}

	private ResponseEntity<Envelope<Object>> answer(ErrorCode code, Object data) {
		ResponseEntity.BodyBuilder builder = ResponseEntity.status(code.status());
		Long retryAfter = EnvelopeResponder.retryAfter(data);
		if (retryAfter != null) {
			builder.header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter));
		}
		return builder.body(this.responder.error(code, data));
	}

	private static String fieldMessage(FieldError field) {
		// a type mismatch message names Java classes: say it plainly instead
		return field.isBindingFailure() ? "wrong type" : field.getDefaultMessage();
	}

	private static String lastNode(String path) {
		int dot = path.lastIndexOf('.');
		return (dot >= 0) ? path.substring(dot + 1) : path;
	}

	/**
	 * A lost or refused database connection anywhere in the chain: SQLState class 08, or
	 * the pool timing out.
	 */
	static boolean databaseUnreachable(Throwable ex) {
		for (Throwable t = ex; t != null; t = (t.getCause() != t) ? t.getCause() : null) {
			if (t instanceof java.sql.SQLTransientConnectionException
					|| t instanceof org.hibernate.exception.JDBCConnectionException
					|| t instanceof org.hibernate.TransactionException) {
				// the last: commit or rollback failed on the connection itself, which
				// hides the I/O error
				return true;
			}
			if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
				return true;
			}
		}
		return false;
	}

	static <T extends Throwable> T causeOf(Throwable ex, Class<T> type) {
		for (Throwable t = ex; t != null; t = (t.getCause() != t) ? t.getCause() : null) {
			if (type.isInstance(t)) {
				return type.cast(t);
			}
		}
		return null;
	}

	/** One entry of a 40000 answer's {@code data.errors}. */
	record FieldProblem(String field, String message) {
	}

}
