package com.usercenter.token;

import java.time.Instant;

/**
 * How a session began: when it was signed in, and the tenant that signed it in (null for
 * the user's own sign-in).
 *
 * @param at when the session started
 * @param tenantId the partner that started it, or null
 * @param tenantKey that partner's key, or null
 */
public record SignIn(Instant at, Long tenantId, String tenantKey) {

	public boolean byTenant() {
		return this.tenantId != null;
	}

}
