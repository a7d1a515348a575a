package com.usercenter.token;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Token lifetimes and the signing key.
 *
 * @param issuer the {@code iss} of every access token: the service's public base URL, so
 * a resource server configured with the issuer alone finds
 * {@code /.well-known/openid-configuration}; when empty, {@code http://localhost:<port>}
 * @param audience the {@code aud} of every access token
 * @param accessTokenTtl lifetime of an access token
 * @param refreshTokenTtl lifetime of a refresh token (and of an idle session)
 * @param signingKey an EC P-256 private key as PKCS#8 PEM or as a JWK (JSON); when empty,
 * a key generated once and kept in the database, sealed with the master key, is used
 */
@Validated
@ConfigurationProperties("usercenter.token")
public record TokenSettings(String issuer, @DefaultValue("user-center") @NotBlank String audience,
		@DefaultValue("2h") Duration accessTokenTtl, @DefaultValue("30d") Duration refreshTokenTtl, String signingKey) {

}
