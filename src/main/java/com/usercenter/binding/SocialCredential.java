package com.usercenter.binding;

/**
 * What a provider's mobile SDK handed the app: a WeChat code, a Weibo or QQ token, or
 * Apple's identity token (with the raw nonce the app put in it and, optionally, the
 * authorization code and the name the user typed, which Apple tells only once).
 */
record SocialCredential(String provider, String code, String accessToken, String uid, String openId,
		String identityToken, String nonce, String authorizationCode, String nickname) {

	static SocialCredential of(String provider, String code, String accessToken, String uid, String openId) {
		return new SocialCredential(provider, code, accessToken, uid, openId, null, null, null, null);
	}

}
