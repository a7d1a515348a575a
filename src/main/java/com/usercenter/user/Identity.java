package com.usercenter.user;

import java.time.Instant;

/**
 * A WeChat, Weibo, QQ or Apple account bound to a user, as other features see it: without
 * the provider's refresh token kept for it.
 *
 * @param userId the account it signs in to
 * @param provider {@code wechat}, {@code wechat_mini}, {@code weibo}, {@code qq} or
 * {@code apple}
 * @param subject the provider's id of the person
 * @param unionId WeChat's unionid, when given
 * @param email the email the provider vouched for (Apple's may be a private relay); never
 * used to link
 * @param createdAt when it was bound
 */
public record Identity(long userId, String provider, String subject, String unionId, String email, Instant createdAt) {

}
