package com.usercenter.mfa;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Second factors.
 *
 * @param issuer the name authenticator apps show above the account's codes
 */
@ConfigurationProperties("usercenter.mfa")
public record MfaSettings(@DefaultValue("User Center") String issuer) {

}
