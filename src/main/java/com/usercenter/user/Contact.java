package com.usercenter.user;

import com.usercenter.core.ApiException;

/**
 * Where a person is reached and proves who they are: a mobile number or an email address,
 * each normalized by its value object, so one person's contact always has one spelling.
 * Code that handles either takes a {@code Contact}; only the places that really differ
 * (the column it is stored in, the channel a code goes by) tell the two apart.
 */
public sealed interface Contact permits PhoneNumber, Email {

	/** E.164 for a mobile, the lower-case address for an email. */
	String value();

	/** {@code 138****8000}, {@code a***@example.com}. */
	String masked();

	/** {@code mobile} or {@code email}: the field it travels in. */
	String kind();

	/**
	 * Reads what a person typed; an {@code @} means email.
	 * @throws ApiException 40000 on {@code field} when it is neither
	 */
	static Contact parse(String raw, String field) {
		Contact contact = (raw != null && raw.contains("@")) ? Email.parseOrNull(raw) : PhoneNumber.parseOrNull(raw);
		if (contact == null) {
			throw ApiException.invalid(field, "must be a mobile number or an email address");
		}
		return contact;
	}

	/** A mobile number, or 40000 on {@code field}. */
	static PhoneNumber mobile(String raw, String field) {
		if (parse(raw, field) instanceof PhoneNumber mobile) {
			return mobile;
		}
		throw ApiException.invalid(field, "must be a mobile number");
	}

	/** An email address, or 40000 on {@code field}. */
	static Email email(String raw, String field) {
		if (parse(raw, field) instanceof Email email) {
			return email;
		}
		throw ApiException.invalid(field, "must be an email address");
	}

}
