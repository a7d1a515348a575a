package com.usercenter.binding;

/**
 * An identity a provider vouched for, with what it told about the person.
 *
 * @param subject openid (WeChat, QQ) or uid (Weibo)
 * @param unionId WeChat's unionid, when the provider gave one
 */
record SocialProfile(String provider, String subject, String unionId, String nickname, String avatar) {

}
