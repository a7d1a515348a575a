package com.usercenter.token;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One live session as its user sees it.
 *
 * @param sessionId the session, to end it with {@code DELETE
 * /api/v1/users/me/sessions/{id}}
 * @param channel how it was started ({@code password}, {@code code}, {@code wechat},
 * {@code tenant}, ...)
 * @param tenantKey the partner that started it, or null
 * @param createdAt epoch ms
 * @param lastRefreshedAt epoch ms of the last refresh, or null
 * @param ip the client address at sign-in or the last refresh
 * @param userAgent the client's {@code User-Agent} then
 * @param current whether it is the session of the token asking
 */
public record SessionView(@Schema(example = "3f2c9a1b-7d4e-4b0c-9a51-0d3c2b1a0f9e") String sessionId,
		@Schema(example = "password") String channel, String tenantKey,
		@Schema(example = "1763856000000") long createdAt, Long lastRefreshedAt,
		@Schema(example = "203.0.113.7") String ip,
		@Schema(example = "MyApp/2.3.0 (iPhone; iOS 18.1)") String userAgent, boolean current) {

}
