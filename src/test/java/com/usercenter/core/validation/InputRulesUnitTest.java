package com.usercenter.core.validation;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules for image addresses and text shown to other people. */
class InputRulesUnitTest {

	@ParameterizedTest
	@ValueSource(strings = { "https://cdn.example.com/a.png", "http://cdn.example.com:8080/x/y.jpg?v=2",
			"/api/v1/avatars/files/abc.png", "/static/a-b_c.png" })
	void imageAddressesAClientMayLoad(String url) {
		assertThat(ImageUrl.Validator.isValid(url)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "//evil.example/x.png", "/a/../b.png", "/a/%2e%2e/b.png", "javascript:alert(1)",
			"ftp://cdn.example.com/a.png", "http:///x.png", "https://u:p@cdn.example.com/a.png", "/a b.png",
			"\\\\evil\\x.png", "data:image/png;base64,AAAA", "", "relative/path.png" })
	void imageAddressesThatLoadFromElsewhere(String url) {
		assertThat(ImageUrl.Validator.isValid(url)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "小明", "Ünïcødé 😀", "O'Brien & Co.", "a-b_c.d" })
	void plainText(String text) {
		assertThat(PlainText.Validator.isPlain(text)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "abc\u202Egnp.exe", "\u2066x\u2069", "<b>", "a>b", "a\u0000b", "a\u200Fb", "tab\there",
			"new\nline", "\uE000private" })
	void textThatReadsAsSomethingElse(String text) {
		assertThat(PlainText.Validator.isPlain(text)).isFalse();
	}

}
