package com.usercenter.user;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An email address, trimmed and lower-cased.
 */
public record Email(String value) implements Contact {

	private static final Pattern SHAPE = Pattern.compile(
			"[a-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+");

	public Email {
		if (value == null || value.length() > 254 || !SHAPE.matcher(value).matches()) {
			throw new IllegalArgumentException("not an email address");
		}
	}

	/** Normalizes what a person typed; answers null when it is not an address. */
	public static Email parseOrNull(String raw) {
		if (raw == null || raw.length() > 254) {
			return null;
		}
		String normalized = raw.trim().toLowerCase(Locale.ROOT);
		return SHAPE.matcher(normalized).matches() ? new Email(normalized) : null;
	}

	@Override
	public String kind() {
		return "email";
	}

	/** {@code alice@example.com} shown as {@code a***@example.com}. */
	@Override
	public String masked() {
		int at = this.value.indexOf('@');
		return this.value.charAt(0) + "***" + this.value.substring(at);
	}

	@Override
	public String toString() {
		return masked();
	}

}
