package com.usercenter.binding;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SignInMethodUnitTest {

	@ParameterizedTest
	@CsvSource({ "o6_bmjrPTlm6_2sgVt7hMZOPfL2M, o6_***2M", "partner-42, par***42", "abcdef, ***", "a, ***" })
	void providerAndPartnerIdsShowAFewCharactersAtEachEnd(String subject, String masked) {
		assertThat(SignInMethod.mask(subject)).isEqualTo(masked);
	}

}
