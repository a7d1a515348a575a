package com.usercenter.binding;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * WeChat: the SDK's {@code code} is exchanged at {@code /sns/oauth2/access_token} for
 * openid (and unionid when the app is in an open platform), then {@code /sns/userinfo}
 * gives nickname and avatar.
 */
@Component
class WechatClient extends ProviderClient {

	private final SocialSettings.Wechat settings;

	WechatClient(SocialSettings settings, RestClient.Builder builder, JsonMapper json) {
		super(settings, builder, json);
		this.settings = settings.wechat();
	}

	@Override
	String provider() {
		return "wechat";
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
		JsonNode token = get(
				url(this.settings.baseUrl(), "/sns/oauth2/access_token", query("appid", this.settings.appId(), "secret",
						this.settings.secret(), "code", credential.code(), "grant_type", "authorization_code")));
		String openId = text(token, "openid");
		String accessToken = text(token, "access_token");
		if (token.path("errcode").asInt(0) != 0 || blank(openId) || blank(accessToken)) {
			throw rejected();
		}
		JsonNode info = get(
				url(this.settings.baseUrl(), "/sns/userinfo", query("access_token", accessToken, "openid", openId)));
		String unionId = (text(token, "unionid") != null) ? text(token, "unionid") : text(info, "unionid");
		boolean infoOk = info.path("errcode").asInt(0) == 0;
		return new SocialProfile(provider(), openId, unionId, infoOk ? text(info, "nickname") : null,
				infoOk ? text(info, "headimgurl") : null);
	}

}
