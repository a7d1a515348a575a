package com.usercenter.binding;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Weibo: the SDK's access token is checked at {@code /oauth2/get_token_info} and must
 * belong to the given {@code uid} and to this app ({@code appKey}, without which Weibo is
 * off); {@code /2/users/show.json} gives the profile.
 */
@Component
class WeiboClient extends ProviderClient {

	private final SocialSettings.Weibo settings;

	WeiboClient(SocialSettings settings, RestClient.Builder builder, JsonMapper json) {
		super(settings, builder, json);
		this.settings = settings.weibo();
	}

	@Override
	String provider() {
		return "weibo";
	}

	@Override
	boolean configured() {
		return !blank(this.settings.appKey());
	}

	@Override
	SocialProfile verify(SocialCredential credential) {
		if (blank(credential.accessToken())) {
			throw missing("accessToken");
		}
		if (blank(credential.uid())) {
			throw missing("uid");
		}
		JsonNode info = post(url(this.settings.baseUrl(), "/oauth2/get_token_info",
				query("access_token", credential.accessToken())));
		String uid = text(info, "uid");
		if (info.has("error_code") || uid == null || !uid.equals(credential.uid())
				|| !this.settings.appKey().equals(text(info, "appkey"))) {
			throw rejected();
		}
		JsonNode user = get(url(this.settings.baseUrl(), "/2/users/show.json",
				query("access_token", credential.accessToken(), "uid", uid)));
		boolean ok = !user.has("error_code");
		return new SocialProfile(provider(), uid, null, ok ? text(user, "screen_name") : null,
				ok ? text(user, "avatar_large") : null);
	}

}
