package com.usercenter.verification;

import com.usercenter.core.ApiException;
import com.usercenter.user.Email;
import com.usercenter.user.PhoneNumber;

/**
 * Where a code goes: a mobile number (E.164) or an email address (lower-case), normalized
 * so the same person's target always has one spelling.
 */
public record Target(String value, boolean email) {

	public static Target of(PhoneNumber mobile) {
		return new Target(mobile.e164(), false);
	}

	public static Target of(Email email) {
		return new Target(email.value(), true);
	}

	/**
	 * Reads what a person typed; an {@code @} means email. Answers 40000 on {@code field}
	 * otherwise.
	 */
	public static Target parse(String raw, String field) {
		if (raw != null && raw.contains("@")) {
			Email email = Email.parseOrNull(raw);
			if (email != null) {
				return of(email);
			}
		}
		else {
			PhoneNumber mobile = PhoneNumber.parseOrNull(raw);
			if (mobile != null) {
				return of(mobile);
			}
		}
		throw ApiException.invalid(field, "must be a mobile number or an email address");
	}

	static Target parse(String raw, boolean wantEmail, String field) {
		Target target = parse(raw, field);
		if (target.email() != wantEmail) {
			throw ApiException.invalid(field, wantEmail ? "must be an email address" : "must be a mobile number");
		}
		return target;
	}

	public PhoneNumber mobile() {
		return this.email ? null : new PhoneNumber(this.value);
	}

	public Email emailAddress() {
		return this.email ? new Email(this.value) : null;
	}

	/** This target when it is a mobile number; 40000 on {@code field} otherwise. */
	public Target mobileTarget(String field) {
		if (this.email) {
			throw ApiException.invalid(field, "must be a mobile number");
		}
		return this;
	}

	/** This target when it is an email; 40000 on {@code field} otherwise. */
	public Target emailTarget(String field) {
		if (!this.email) {
			throw ApiException.invalid(field, "must be an email address");
		}
		return this;
	}

	/** This target as a mobile number; 40000 on {@code identity} when it is an email. */
	public PhoneNumber mobileOrInvalid() {
		if (this.email) {
			throw ApiException.invalid("identity", "must be a mobile number");
		}
		return mobile();
	}

	/** This target as an email; 40000 on {@code identity} when it is a mobile number. */
	public Email emailOrInvalid() {
		if (!this.email) {
			throw ApiException.invalid("identity", "must be an email address");
		}
		return emailAddress();
	}

	public String masked() {
		return this.email ? new Email(this.value).masked() : new PhoneNumber(this.value).masked();
	}

	@Override
	public String toString() {
		return masked();
	}

}
