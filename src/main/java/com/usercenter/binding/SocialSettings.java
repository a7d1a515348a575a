package com.usercenter.binding;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Provider API roots and app credentials ({@code usercenter.social.*}); the secrets come
 * from the environment.
 */
@ConfigurationProperties("usercenter.social")
record SocialSettings(@DefaultValue Wechat wechat, @DefaultValue Weibo weibo, @DefaultValue Qq qq,
		@DefaultValue("2s") Duration connectTimeout, @DefaultValue("5s") Duration readTimeout) {

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

}
