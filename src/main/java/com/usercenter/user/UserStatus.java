package com.usercenter.user;

/**
 * Whether an account may sign in; an erased one is only its id, kept so nothing else
 * takes it. Stored lower-case.
 */
public enum UserStatus {

	ACTIVE, DISABLED, ERASED;

	public String value() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

	public static UserStatus of(String value) {
		return valueOf(value.toUpperCase(java.util.Locale.ROOT));
	}

}
