package com.usercenter.core;

import java.util.List;

/**
 * The {@code data} of an error envelope, typed: each kind the contract names is a record
 * here, so callers read fields instead of picking through maps.
 */
public interface ErrorData {

	/** 40000: {@code {"errors":[{"field":"mobile","message":"..."}]}}. */
	record FieldErrors(List<FieldError> errors) implements ErrorData {

		public static FieldErrors of(String field, String message) {
			return new FieldErrors(List.of(new FieldError(field, message)));
		}

	}

	/** One entry of {@link FieldErrors}. */
	record FieldError(String field, String message) {
	}

	/** 40900, 40901, 40904 for admin callers: the account that holds the value. */
	record ExistingUser(Long userId) implements ErrorData {
	}

	/** 40002: wrong tries left before the code dies. */
	record AttemptsLeft(int attemptsLeft) implements ErrorData {
	}

	/** 40902: the identity belongs to another account. */
	record NeedMerge(boolean needMerge) implements ErrorData {
	}

}
