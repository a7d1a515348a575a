package com.usercenter.audit;

import java.util.Locale;

/** What happened. Stored lower-case ({@code login_success}). */
public enum AuditType {

	LOGIN_SUCCESS, LOGIN_FAILURE, LOGOUT, TOKEN_REVOKED, REFRESH_TOKEN_REUSED, PASSWORD_CHANGE, PASSWORD_RESET,
	CONTACT_CHANGE, BIND, UNBIND, TENANT_LOGIN, ADMIN_REVEAL, ADMIN_USER_CHANGE, ADMIN_TENANT_CHANGE, ADMIN_MESSAGE,
	DELIVERY_FAILURE, CONTACT_RECLAIMED;

	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

}
