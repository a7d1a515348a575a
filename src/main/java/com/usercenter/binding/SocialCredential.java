package com.usercenter.binding;

/** What a provider's mobile SDK handed the app. */
record SocialCredential(String provider, String code, String accessToken, String uid, String openId) {

}
