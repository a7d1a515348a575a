package com.usercenter.binding;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * WeChat mini-program: {@code wx.login}'s code is exchanged at
 * {@code /sns/jscode2session} (on the same WeChat API root, with the mini-program's own
 * app id and secret) for its openid, and the unionid when the mini-program belongs to an
 * open platform account; the session key is not kept.
 */
@Component
class WechatMiniClient extends ProviderClient {

	static final String PROVIDER = "wechat_mini";

	private final String baseUrl;

	private final SocialSettings.WechatMini settings;

	WechatMiniClient(SocialSettings settings, RestClient.Builder builder, JsonMapper json) {
		super(settings, builder, json);
		this.baseUrl = settings.wechat().baseUrl();
		this.settings = settings.wechatMini();
	}

	@Override
	String provider() {
		return PROVIDER;
	}

	@Override
	boolean configured() {
		return !blank(this.settings.appId()) && !blank(this.settings.secret());
	}

	@Override
	SocialProfile verify(SocialCredential credential) {
		if (blank(credential.code())) {
			throw missing("code");
		}
		JsonNode session = get(url(this.baseUrl, "/sns/jscode2session", query("appid", this.settings.appId(), "secret",
				this.settings.secret(), "js_code", credential.code(), "grant_type", "authorization_code")));
		String openId = text(session, "openid");
		if (session.path("errcode").asInt(0) != 0 || blank(openId)) {
			throw rejected();
		}
		return new SocialProfile(PROVIDER, openId, text(session, "unionid"), null, null);
	}

}
