package com.usercenter.user;

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

}
