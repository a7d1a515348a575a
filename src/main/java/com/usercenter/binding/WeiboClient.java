package com.usercenter.binding;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

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
		JsonNode info = post(UriComponentsBuilder.fromUriString(this.settings.baseUrl())
			.path("/oauth2/get_token_info")
			.queryParam("access_token", credential.accessToken())
			.encode()
			.build()
			.toUri());
		String uid = text(info, "uid");
		if (info.has("error_code") || uid == null || !uid.equals(credential.uid())
				|| !this.settings.appKey().equals(text(info, "appkey"))) {
			throw rejected();
		}
		JsonNode user = get(UriComponentsBuilder.fromUriString(this.settings.baseUrl())
			.path("/2/users/show.json")
			.queryParam("access_token", credential.accessToken())
			.queryParam("uid", uid)
			.encode()
			.build()
			.toUri());
		boolean ok = !user.has("error_code");
		return new SocialProfile(provider(), uid, null, ok ? text(user, "screen_name") : null,
				ok ? text(user, "avatar_large") : null);
	}

}
