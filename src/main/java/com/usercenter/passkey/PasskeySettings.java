package com.usercenter.passkey;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The relying party passkeys are bound to ({@code usercenter.passkeys.*}). Checked at
 * start-up, so a deployment with an origin no browser or app could send fails to start
 * rather than refusing every passkey.
 *
 * @param rpId the domain passkeys belong to ({@code example.com}): every web origin's
 * host is it or one of its subdomains. Passkeys made under one rp-id never work under
 * another, so it does not change once users have passkeys.
 * @param rpName the name authenticators show when a passkey is made
 * @param origins where ceremonies may run: web origins ({@code https://example.com},
 * {@code http://localhost:8080} for development) and the Android apps'
 * {@code android:apk-key-hash:<base64url SHA-256 of the signing certificate>}; iOS apps
 * use the web origin of their associated domain
 */
@Validated
@ConfigurationProperties("usercenter.passkeys")
record PasskeySettings(@DefaultValue("localhost") @NotBlank @Size(max = 253) String rpId,
		@DefaultValue("User Center") @NotBlank @Size(max = 64) String rpName,
		@DefaultValue("http://localhost:8080") @NotEmpty List<String> origins) {

	private static final Pattern DOMAIN = Pattern
		.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*");

	private static final Pattern ANDROID = Pattern.compile("android:apk-key-hash:[A-Za-z0-9_-]{43}");

	PasskeySettings {
		if (rpId != null && !DOMAIN.matcher(rpId).matches()) {
			throw new IllegalArgumentException(
					"usercenter.passkeys.rp-id must be a lower-case domain without scheme or port, not " + rpId);
		}
		if (rpId != null && origins != null) {
			origins.forEach((origin) -> check(origin, rpId));
		}
	}

	private static void check(String origin, String rpId) {
		if (ANDROID.matcher(origin).matches()) {
			return;
		}
		URI uri;
		try {
			uri = URI.create(origin);
		}
		catch (IllegalArgumentException ex) {
			throw invalid(origin, "not a URI");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		String host = (uri.getHost() != null) ? uri.getHost().toLowerCase(Locale.ROOT) : null;
		if (host == null || (uri.getRawPath() != null && !uri.getRawPath().isEmpty()) || uri.getRawQuery() != null
				|| uri.getRawUserInfo() != null) {
			throw invalid(origin, "a web origin is scheme://host[:port], nothing after it");
		}
		if (!"https".equals(scheme) && !("http".equals(scheme) && "localhost".equals(host))) {
			throw invalid(origin, "browsers offer passkeys only on https (or http://localhost)");
		}
		if (!host.equals(rpId) && !host.endsWith("." + rpId)) {
			throw invalid(origin, "its host is neither the rp-id " + rpId + " nor a subdomain of it");
		}
	}

	private static IllegalArgumentException invalid(String origin, String why) {
		return new IllegalArgumentException("usercenter.passkeys.origins: " + origin + ": " + why
				+ " (web origins or android:apk-key-hash:<43 base64url characters>)");
	}

}
