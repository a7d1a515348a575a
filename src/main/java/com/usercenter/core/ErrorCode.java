package com.usercenter.core;

import org.springframework.http.HttpStatus;

/**
 * Every answer code of the public contract. {@code code / 100} is the HTTP status sent.
 */
public enum ErrorCode {

	SUCCESS(200),

	INVALID_REQUEST(40000), UNREADABLE_BODY(40001), CODE_INVALID(40002), CAPTCHA_INVALID(40003), TICKET_INVALID(40004),
	PASSWORD_POLICY(40005), SECOND_FACTOR_WRONG(40006),

	AUTHENTICATION_REQUIRED(40100), TOKEN_EXPIRED(40101), BAD_CREDENTIALS(40102), TENANT_SIGNATURE_INVALID(40103),
	TENANT_REPLAY(40104), THIRD_PARTY_REJECTED(40105), SECOND_FACTOR_REQUIRED(40106),

	FORBIDDEN(40300), ACCOUNT_DISABLED(40301), TENANT_DISABLED(40302), SECOND_FACTOR_SESSION_REQUIRED(40303),

	NOT_FOUND(40400), USER_NOT_FOUND(40401),

	METHOD_NOT_ALLOWED(40500), REQUEST_TIMEOUT(40800),

	MOBILE_IN_USE(40900), EMAIL_IN_USE(40901), IDENTITY_BOUND(40902), LAST_SIGN_IN_METHOD(40903),
	USERNAME_IN_USE(40904),

	PAYLOAD_TOO_LARGE(41300), UNSUPPORTED_MEDIA_TYPE(41500), ACCOUNT_LOCKED(42300), CAPTCHA_REQUIRED(42800),
	TOO_MANY_REQUESTS(42900),

	INTERNAL_ERROR(50000), UPSTREAM_FAILED(50200), UNAVAILABLE(50300), HTTP_VERSION_NOT_SUPPORTED(50500);

	private final int code;

	ErrorCode(int code) {
		this.code = code;
	}

	public int code() {
		return this.code;
	}

	public HttpStatus status() {
		return (this.code == 200) ? HttpStatus.OK : HttpStatus.valueOf(this.code / 100);
	}

	/** The key of this code's message in {@code messages*.properties}. */
	public String messageKey() {
		return "code." + this.code;
	}

	/**
	 * The code that fits an HTTP status the service did not choose itself (container
	 * errors).
	 */
	public static ErrorCode forStatus(int status) {
		return switch (status) {
			case 400 -> INVALID_REQUEST;
			case 401 -> AUTHENTICATION_REQUIRED;
			case 403 -> FORBIDDEN;
			case 404 -> NOT_FOUND;
			case 405 -> METHOD_NOT_ALLOWED;
			case 408 -> REQUEST_TIMEOUT;
			case 413 -> PAYLOAD_TOO_LARGE;
			case 415 -> UNSUPPORTED_MEDIA_TYPE;
			case 429 -> TOO_MANY_REQUESTS;
			case 502 -> UPSTREAM_FAILED;
			case 503 -> UNAVAILABLE;
			case 505 -> HTTP_VERSION_NOT_SUPPORTED;
			default -> (status >= 400 && status < 500) ? INVALID_REQUEST : INTERNAL_ERROR;
		};
	}

}
