package com.usercenter.core.errors;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.usercenter.core.ApiException;
import com.usercenter.core.Envelope;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.ErrorData;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.HttpMessageNotWritableException;
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
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one place where a failure becomes an envelope. Nothing internal (class names, SQL,
 * stack traces) leaves the service; unexpected failures are logged with the request id,
 * by their types and stack frames only ({@link Failures}: a message may quote a URL with
 * its secret, a row's contact data or a body), and answered 50000.
 */
@RestControllerAdvice
class GlobalExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(GlobalExceptionHandler.class);

	private final EnvelopeResponder responder;

	/** The request being answered (a proxy to the current one). */
	private final HttpServletRequest request;

	/**
	 * Unique constraints whose violation is a fact of the contract, should a service not
	 * translate it: declared by the features that own them.
	 */
	private final Map<String, ErrorCode> uniqueFacts = new HashMap<>();

	GlobalExceptionHandler(EnvelopeResponder responder, HttpServletRequest request, List<ConstraintFacts> facts) {
		this.responder = responder;
		this.request = request;
		facts.forEach((fact) -> this.uniqueFacts.putAll(fact.codes()));
	}

	@ExceptionHandler(ApiException.class)
	ResponseEntity<Envelope<Object>> api(ApiException ex) {
		return answer(ex.errorCode(), ex.data());
	}

	@ExceptionHandler(BindException.class)
	ResponseEntity<Envelope<Object>> invalidBody(BindException ex) {
		List<ErrorData.FieldError> errors = ex.getBindingResult()
			.getAllErrors()
			.stream()
			.map((error) -> (error instanceof FieldError field)
					? new ErrorData.FieldError(field.getField(), fieldMessage(field))
					: new ErrorData.FieldError(error.getObjectName(), error.getDefaultMessage()))
			.toList();
		return invalid(errors);
	}

	@ExceptionHandler(HandlerMethodValidationException.class)
	ResponseEntity<Envelope<Object>> invalidParameters(HandlerMethodValidationException ex) {
		List<ErrorData.FieldError> errors = ex.getParameterValidationResults()
			.stream()
			.flatMap((result) -> result.getResolvableErrors()
				.stream()
				.map((error) -> new ErrorData.FieldError(result.getMethodParameter().getParameterName(),
						error.getDefaultMessage())))
			.toList();
		return invalid(errors);
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<Envelope<Object>> invalidConstraints(ConstraintViolationException ex) {
		List<ErrorData.FieldError> errors = ex.getConstraintViolations()
			.stream()
			.map((violation) -> new ErrorData.FieldError(lastNode(violation.getPropertyPath().toString()),
					violation.getMessage()))
			.toList();
		return invalid(errors);
	}

	@ExceptionHandler(MissingRequestValueException.class)
	ResponseEntity<Envelope<Object>> missing(MissingRequestValueException ex) {
		String name = (ex instanceof org.springframework.web.bind.MissingServletRequestParameterException missing)
				? missing.getParameterName() : "request";
		return invalid(List.of(new ErrorData.FieldError(name, "required")));
	}

	@ExceptionHandler(MissingServletRequestPartException.class)
	ResponseEntity<Envelope<Object>> missingPart(MissingServletRequestPartException ex) {
		return invalid(List.of(new ErrorData.FieldError(ex.getRequestPartName(), "required")));
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<Envelope<Object>> typeMismatch(MethodArgumentTypeMismatchException ex) {
		boolean repeated = ex.getValue() instanceof String[] values && values.length > 1;
		return invalid(
				List.of(new ErrorData.FieldError(ex.getName(), repeated ? "sent more than once" : "wrong type")));
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<Envelope<Object>> unreadable(HttpMessageNotReadableException ex) {
		ApiException cause = causeOf(ex, ApiException.class);
		if (cause != null) {
			return api(cause);
		}
		// the type only: a parser's message quotes the body, passwords included
		log.debug("Unreadable body: {}", Failures.types(ex));
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

	/**
	 * An answer that could not be written: when the client went away (a dropped slow
	 * body, a closed app) there is nobody left to answer; anything else is a failure of
	 * ours.
	 */
	@ExceptionHandler({ HttpMessageNotWritableException.class, AsyncRequestNotUsableException.class })
	ResponseEntity<Envelope<Object>> notWritten(Exception ex) {
		if (causeOf(ex, java.io.IOException.class) != null) {
			log.debug("Client gone before its answer: {}", ex.getClass().getSimpleName());
			return null;
		}
		log.error("Unexpected failure", Failures.redacted(ex));
		return answer(ErrorCode.INTERNAL_ERROR, null);
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
			for (Map.Entry<String, ErrorCode> unique : this.uniqueFacts.entrySet()) {
				if (UniqueConstraints.violated(violation, unique.getKey())) {
					return answer(unique.getValue(), null);
				}
			}
		}
		log.error("Unexpected failure", Failures.redacted(ex));
		return answer(ErrorCode.INTERNAL_ERROR, null);
	}

	private ResponseEntity<Envelope<Object>> invalid(List<ErrorData.FieldError> errors) {
		return answer(ErrorCode.INVALID_REQUEST, new ErrorData.FieldErrors(errors));
	}

	private ResponseEntity<Envelope<Object>> answer(ErrorCode code, ErrorData data) {
		return this.responder.entity(this.request, code, data);
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
	 * The database cannot do the work now, and the same request may well succeed in a
	 * moment, anywhere in the chain: a lost or refused connection (SQLState class 08, the
	 * pool timing out, a commit that failed on the connection itself), a server shutting
	 * down, crashed or starting up (57P01-57P03: a restart), out of resources (class 53:
	 * too many connections, disk or memory full), a lock or statement that ran out of
	 * time (55P03, 57014), or a transaction that lost a serialization race or deadlock
	 * (40001, 40P01). Each is 50300 to the client, never 50000.
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
			if (t instanceof SQLException sql && sql.getSQLState() != null && transientState(sql.getSQLState())) {
				return true;
			}
		}
		return false;
	}

	private static boolean transientState(String state) {
		return state.startsWith("08") || state.startsWith("53") || state.startsWith("57P") || state.equals("57014")
				|| state.equals("55P03") || state.equals("40001") || state.equals("40P01");
	}

	static <T extends Throwable> T causeOf(Throwable ex, Class<T> type) {
		for (Throwable t = ex; t != null; t = (t.getCause() != t) ? t.getCause() : null) {
			if (type.isInstance(t)) {
				return type.cast(t);
			}
		}
		return null;
	}

}
