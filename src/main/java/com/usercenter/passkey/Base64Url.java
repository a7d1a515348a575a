package com.usercenter.passkey;

import java.util.Base64;

import com.usercenter.core.ApiException;

/** WebAuthn's byte strings in JSON: base64url without padding. */
final class Base64Url {

	/** What {@code @Pattern} accepts: base64url, padded or not. */
	static final String PATTERN = "[A-Za-z0-9_-]+={0,2}";

	private Base64Url() {
	}

	static String encode(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * The bytes of a value that matched {@link #PATTERN}; 40000 naming the field when its
	 * length is not one base64 can have.
	 */
	static byte[] decode(String value, String field) {
		try {
			return Base64.getUrlDecoder().decode(value);
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.invalid(field, "must be base64url");
		}
	}

}
