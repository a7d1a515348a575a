package com.usercenter.verification;

import java.util.Locale;

/** What a code or ticket may be used for; it is good for nothing else. */
public enum Purpose {

	REGISTER, LOGIN, RESET_PASSWORD, CHANGE_CONTACT, VERIFY;

	/** The pattern request fields are validated against. */
	public static final String PATTERN = "register|login|reset_password|change_contact|verify";

	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Purpose of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
