package com.usercenter.binding;

/**
 * An identity a provider vouched for, with what it told about the person.
 *
 * @param subject openid (WeChat, QQ), uid (Weibo) or Apple's sub
 * @param unionId WeChat's unionid, when the provider gave one
 * @param email the email the provider vouched for (Apple), kept on the identity only
 * @param refreshToken the provider's refresh token to keep sealed (Apple), or null
 */
record SocialProfile(String provider, String subject, String unionId, String nickname, String avatar, String email,
		String refreshToken) {

	SocialProfile(String provider, String subject, String unionId, String nickname, String avatar) {
		this(provider, subject, unionId, nickname, avatar, null, null);
	}

}
