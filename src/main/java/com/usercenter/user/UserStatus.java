package com.usercenter.user;

/** Whether an account may sign in. Stored lower-case. */
public enum UserStatus {

	ACTIVE, DISABLED;

	public String value() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

	public static UserStatus of(String value) {
		return valueOf(value.toUpperCase(java.util.Locale.ROOT));
	}

}
