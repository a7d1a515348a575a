package com.usercenter.binding;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

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
		JsonNode token = get(UriComponentsBuilder.fromUriString(this.settings.baseUrl())
			.path("/sns/oauth2/access_token")
			.queryParam("appid", this.settings.appId())
			.queryParam("secret", this.settings.secret())
			.queryParam("code", credential.code())
			.queryParam("grant_type", "authorization_code")
			.encode()
			.build()
			.toUri());
		String openId = text(token, "openid");
		String accessToken = text(token, "access_token");
		if (token.path("errcode").asInt(0) != 0 || blank(openId) || blank(accessToken)) {
			throw rejected();
		}
		JsonNode info = get(UriComponentsBuilder.fromUriString(this.settings.baseUrl())
			.path("/sns/userinfo")
			.queryParam("access_token", accessToken)
			.queryParam("openid", openId)
			.encode()
			.build()
			.toUri());
		String unionId = (text(token, "unionid") != null) ? text(token, "unionid") : text(info, "unionid");
		boolean infoOk = info.path("errcode").asInt(0) == 0;
		return new SocialProfile(provider(), openId, unionId, infoOk ? text(info, "nickname") : null,
				infoOk ? text(info, "headimgurl") : null);
	}

}
