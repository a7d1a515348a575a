package com.usercenter.core;

import java.util.Set;
import java.util.UUID;

/**
 * The signed-in user a request acts for, taken from its verified access token
 * ({@link CurrentUserResolver}). Declare it as a controller parameter. The claim names
 * are the ones {@code token} writes into every access token.
 *
 * @param userId the user ({@code sub})
 * @param sessionId the session the token belongs to ({@value #SESSION_CLAIM})
 * @param tenantKey the tenant that started the session ({@value #TENANT_CLAIM}), or null
 * @param roles the roles the token carries ({@value #ROLES_CLAIM})
 */
public record CurrentUser(long userId, UUID sessionId, String tenantKey, Set<String> roles) {

	/** The claim naming the token's session. */
	public static final String SESSION_CLAIM = "sid";

	/** The claim listing the token's roles ({@code USER}, {@code ADMIN}). */
	public static final String ROLES_CLAIM = "roles";

	/** The claim naming the tenant that started the session, when one did. */
	public static final String TENANT_CLAIM = "tk";

	/** How the session was signed in, RFC 8176 values (RFC 9068 section 2.2.1). */
	public static final String AMR_CLAIM = "amr";

}
