package com.usercenter.binding;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Provider API roots and app credentials ({@code usercenter.social.*}); the secrets come
 * from the environment.
 */
@ConfigurationProperties("usercenter.social")
record SocialSettings(@DefaultValue Wechat wechat, @DefaultValue Weibo weibo, @DefaultValue Qq qq,
		@DefaultValue Apple apple, @DefaultValue WechatMini wechatMini, @DefaultValue("2s") Duration connectTimeout,
		@DefaultValue("5s") Duration readTimeout) {

	/** WeChat open platform: {@code appId} and {@code secret} of the mobile app. */
	record Wechat(@DefaultValue("https://api.weixin.qq.com") String baseUrl, String appId, String secret) {
	}

	/**
	 * Weibo: a token must have been issued to {@code appKey}; without it Weibo sign-in is
	 * off.
	 */
	record Weibo(@DefaultValue("https://api.weibo.com") String baseUrl, String appKey) {
	}

	/**
	 * QQ connect: a token must have been issued to {@code appId} (also sent as
	 * oauth_consumer_key); without it QQ sign-in is off.
	 */
	record Qq(@DefaultValue("https://graph.qq.com") String baseUrl, String appId) {
	}

	/**
	 * WeChat mini-program ({@code usercenter.social.wechat-mini.*}): its own app id and
	 * secret, on the WeChat API root; without them it is off.
	 */
	record WechatMini(String appId, String secret) {
	}

	/**
	 * Sign in with Apple: identity tokens must be issued to one of {@code clientIds} (the
	 * app's bundle ids); without them Apple is off. {@code teamId}, {@code keyId} and
	 * {@code privateKey} (the .p8 key's PKCS#8 PEM, from the environment) sign the client
	 * secret that exchanges authorization codes and revokes tokens.
	 */
	record Apple(@DefaultValue("https://appleid.apple.com") String baseUrl, @DefaultValue List<String> clientIds,
			String teamId, String keyId, String privateKey) {

		boolean canExchange() {
			return this.teamId != null && !this.teamId.isBlank() && this.keyId != null && !this.keyId.isBlank()
					&& this.privateKey != null && !this.privateKey.isBlank();
		}

	}

}
