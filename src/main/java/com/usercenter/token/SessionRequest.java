package com.usercenter.token;

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
 */
public record SessionRequest(long userId, Set<String> roles, Long tenantId, String tenantKey, String channel) {

	public static SessionRequest of(long userId, Set<String> roles, String channel) {
		return new SessionRequest(userId, roles, null, null, channel);
	}

}
