package com.usercenter.token;

import java.util.List;
import java.util.Set;

/**
 * Who a new session is for and how it came about.
 *
 * @param userId the user signing in
 * @param roles the user's roles, carried in its access tokens
 * @param tenantId the partner tenant that asked for it, or null
 * @param tenantKey that tenant's key, or null
 * @param channel how the user signed in: {@code password}, {@code code}, {@code social},
 * {@code tenant}
 * @param amr how the user proved who it is (RFC 8176 values), carried into the session's
 * access tokens
 */
public record SessionRequest(long userId, Set<String> roles, Long tenantId, String tenantKey, String channel,
		List<String> amr) {

	public SessionRequest {
		amr = List.copyOf(amr);
	}

	public static SessionRequest of(long userId, Set<String> roles, String channel, List<String> amr) {
		return new SessionRequest(userId, roles, null, null, channel, amr);
	}

}
