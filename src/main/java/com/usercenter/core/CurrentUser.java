package com.usercenter.core;

import java.util.Set;
import java.util.UUID;

/**
 * The signed-in user a request acts for, taken from its verified access token. Declare it
 * as a controller parameter.
 *
 * @param userId the user
 * @param sessionId the session the token belongs to
 * @param tenantKey the tenant that started the session, or null
 * @param roles the roles the token carries
 */
public record CurrentUser(long userId, UUID sessionId, String tenantKey, Set<String> roles) {

}
