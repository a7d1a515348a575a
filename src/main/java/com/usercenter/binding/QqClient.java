package com.usercenter.binding;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * QQ: {@code /oauth2.0/me} must answer the given {@code openId} for the SDK's access
 * token; {@code /user/get_user_info} gives the profile.
 */
@Component
class QqClient extends ProviderClient {

	private final SocialSettings.Qq settings;

	QqClient(SocialSettings settings, RestClient.Builder builder, JsonMapper json) {
		super(settings, builder, json);
		this.settings = settings.qq();
	}

	@Override
	String provider() {
		return "qq";
	}

	@Override
	boolean configured() {
		return !blank(this.settings.appId());
	}

	@Override
	SocialProfile verify(SocialCredential credential) {
		if (blank(credential.accessToken())) {
			throw missing("accessToken");
		}
		if (blank(credential.openId())) {
			throw missing("openId");
		}
		JsonNode me = get(url(this.settings.baseUrl(), "/oauth2.0/me",
				query("access_token", credential.accessToken(), "fmt", "json")));
		String openId = text(me, "openid");
		if (me.has("error") || openId == null || !openId.equals(credential.openId())
				|| !this.settings.appId().equals(text(me, "client_id"))) {
			throw rejected();
		}
		JsonNode info = get(url(this.settings.baseUrl(), "/user/get_user_info", query("access_token",
				credential.accessToken(), "oauth_consumer_key", this.settings.appId(), "openid", openId)));
		boolean ok = info.path("ret").asInt(-1) == 0;
		return new SocialProfile(provider(), openId, null, ok ? text(info, "nickname") : null,
				ok ? text(info, "figureurl_qq_2") : null);
	}

}
