package com.usercenter.user;

import java.util.ArrayList;
import java.util.List;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneNumberUnitTest {

	@ParameterizedTest
	@CsvSource({ "13800138000, +8613800138000", "+8613800138000, +8613800138000", "'+86 138 0013 8000', +8613800138000",
			"' 13800138000 ', +8613800138000", "+14155552671, +14155552671", "+447400123456, +447400123456" })
	void normalizesToE164(String typed, String e164) {
		assertThat(PhoneNumber.parseOrNull(typed)).isEqualTo(new PhoneNumber(e164));
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "12345", "abc", "1380013800", "010-12345678", "+86 10 1234 5678", "+999 123",
			"138001380001234567890123456789012" })
	void refusesWhatIsNotAMobileNumber(String typed) {
		assertThat(PhoneNumber.parseOrNull(typed)).isNull();
	}

	@ParameterizedTest
	@CsvSource({ "+8613800138000, 138****8000", "+14155552671, +14****2671" })
	void masksTheMiddle(String e164, String masked) {
		assertThat(new PhoneNumber(e164).masked()).isEqualTo(masked);
		assertThat(new PhoneNumber(e164).toString()).isEqualTo(masked);
	}

	/**
	 * One look at the region's patterns instead of two answers exactly what
	 * libphonenumber's {@code isValidNumber} and {@code getNumberType} together answer,
	 * for every leading digits a Chinese number can have and numbers of other regions.
	 */
	@Test
	void oneTypeLookAnswersAsValidityAndTypeTogetherDo() throws Exception {
		PhoneNumberUtil util = PhoneNumberUtil.getInstance();
		java.util.Random random = new java.util.Random(42);
		List<String> samples = new ArrayList<>();
		for (int prefix = 100; prefix < 200; prefix++) {
			for (int i = 0; i < 200; i++) {
				samples.add(prefix + String.format("%08d", random.nextInt(100_000_000)));
			}
		}
		for (String region : List.of("US", "GB", "DE", "JP", "HK", "TW", "SG", "IN", "BR")) {
			for (int i = 0; i < 300; i++) {
				samples
					.add("+" + util.getCountryCodeForRegion(region) + (1_000_000_000L + random.nextInt(1_000_000_000)));
			}
		}
		for (String raw : samples) {
			boolean expected;
			try {
				Phonenumber.PhoneNumber number = util.parse(raw, "CN");
				PhoneNumberUtil.PhoneNumberType type = util.getNumberType(number);
				expected = util.isValidNumber(number) && (type == PhoneNumberUtil.PhoneNumberType.MOBILE
						|| type == PhoneNumberUtil.PhoneNumberType.FIXED_LINE_OR_MOBILE);
			}
			catch (com.google.i18n.phonenumbers.NumberParseException ex) {
				expected = false;
			}
			assertThat(PhoneNumber.parseOrNull(raw) != null).as(raw).isEqualTo(expected);
		}
	}

}
