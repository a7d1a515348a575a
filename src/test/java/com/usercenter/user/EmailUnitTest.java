package com.usercenter.user;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class EmailUnitTest {

	@ParameterizedTest
	@CsvSource({ "Alice@Example.COM, alice@example.com", "' bob@mail.example.cn ', bob@mail.example.cn",
			"x+tag@sub.example.org, x+tag@sub.example.org" })
	void trimsAndLowerCases(String typed, String stored) {
		assertThat(Email.parseOrNull(typed)).isEqualTo(new Email(stored));
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "plain", "a@b", "@example.com", "a@@example.com", "a b@example.com", "a@-example.com" })
	void refusesWhatIsNotAnAddress(String typed) {
		assertThat(Email.parseOrNull(typed)).isNull();
	}

	@ParameterizedTest
	@CsvSource({ "alice@example.com, a***@example.com" })
	void masksTheLocalPart(String email, String masked) {
		assertThat(new Email(email).masked()).isEqualTo(masked);
	}

}
