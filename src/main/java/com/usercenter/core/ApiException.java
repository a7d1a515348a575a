package com.usercenter.core;

/**
 * A fact the service reports to its caller: carries the contract code and, where the
 * contract says so, the envelope's {@code data}. Subclasses name the fact
 * ({@code MobileAlreadyInUse}, ...).
 */
public class ApiException extends RuntimeException {

	private final ErrorCode errorCode;

	private final transient ErrorData data;

	public ApiException(ErrorCode errorCode) {
		this(errorCode, null);
	}

	public ApiException(ErrorCode errorCode, ErrorData data) {
		super(errorCode.name(), null, false, false);
		this.errorCode = errorCode;
		this.data = data;
	}

	/** 40000 naming one field: {@code {"errors":[{"field":...,"message":...}]}}. */
	public static ApiException invalid(String field, String message) {
		return new ApiException(ErrorCode.INVALID_REQUEST, ErrorData.FieldErrors.of(field, message));
	}

	public ErrorCode errorCode() {
		return this.errorCode;
	}

	public ErrorData data() {
		return this.data;
	}

}
