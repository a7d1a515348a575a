package com.usercenter.user;

import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber;

/**
 * A mobile number in E.164 ({@code +8613800138000}). Accepts {@code 13800138000},
 * {@code +8613800138000} or {@code +86 138 0013 8000}; numbers without {@code +} are read
 * in the default region CN.
 */
public record PhoneNumber(String e164) implements Contact {

	private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

	private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");

	public PhoneNumber {
		if (e164 == null || !E164.matcher(e164).matches()) {
			throw new IllegalArgumentException("not an E.164 number");
		}
	}

	/**
	 * Parses a number as a person types it; answers null when it is not a valid mobile
	 * number.
	 */
	public static PhoneNumber parseOrNull(String raw) {
		if (raw == null || raw.isBlank() || raw.length() > 32) {
			return null;
		}
		try {
			Phonenumber.PhoneNumber number = UTIL.parse(raw.trim(), "CN");
			// the type is UNKNOWN exactly when the number is not valid (isValidNumber
			// asks the same question first): one look at the region's patterns, not two
			PhoneNumberType type = UTIL.getNumberType(number);
			if (type != PhoneNumberType.MOBILE && type != PhoneNumberType.FIXED_LINE_OR_MOBILE) {
				return null;
			}
			return new PhoneNumber(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
		}
		catch (NumberParseException ex) {
			return null;
		}
	}

	@Override
	public String value() {
		return this.e164;
	}

	@Override
	public String kind() {
		return "mobile";
	}

	/** The region (ISO 3166 code) the number belongs to, {@code CN} for +86 mobiles. */
	public String region() {
		try {
			String region = UTIL.getRegionCodeForNumber(UTIL.parse(this.e164, "ZZ"));
			return (region != null) ? region : "ZZ";
		}
		catch (NumberParseException ex) {
			return "ZZ";
		}
	}

	/**
	 * {@code +8613800138000} shown as {@code 138****8000}; other regions keep their
	 * country code.
	 */
	@Override
	public String masked() {
		String national = this.e164.startsWith("+86") ? this.e164.substring(3) : this.e164;
		if (national.length() < 7) {
			return "****";
		}
		return national.substring(0, 3) + "****" + national.substring(national.length() - 4);
	}

	@Override
	public String toString() {
		return masked();
	}

}
