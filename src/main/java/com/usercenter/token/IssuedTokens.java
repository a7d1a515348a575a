package com.usercenter.token;

import java.util.UUID;

/**
 * What a sign-in hands out: a short-lived access token and a refresh token, both bound to
 * one session.
 */
public record IssuedTokens(UUID sessionId, long userId, String accessToken, String refreshToken, long expiresIn) {

}
