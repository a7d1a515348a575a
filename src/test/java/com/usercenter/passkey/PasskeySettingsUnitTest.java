package com.usercenter.passkey;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The relying party's settings refuse, at start-up, an origin no browser or app could
 * send for the rp-id, and an rp-id that is not a domain.
 */
class PasskeySettingsUnitTest {

	private static final String APK = "android:apk-key-hash:" + "a".repeat(43);

	@Test
	void acceptsTheDefaultsWebOriginsOfTheDomainAndAndroidApps() {
		assertThatNoException()
			.isThrownBy(() -> new PasskeySettings("localhost", "User Center", List.of("http://localhost:8080")));
		assertThatNoException().isThrownBy(() -> new PasskeySettings("example.com", "Example",
				List.of("https://example.com", "https://m.example.com:8443", APK)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://example.com", "https://example.com/login", "https://evil.example",
			"https://notexample.com", "https://user@example.com", "example.com", "android:apk-key-hash:short",
			"https://example.com?x=1" })
	void refusesOriginsThatCannotBeTheDomains(String origin) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PasskeySettings("example.com", "Example", List.of(origin)))
			.withMessageContaining("usercenter.passkeys.origins");
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://example.com", "Example.com", "example.com:443", "example.com/" })
	void refusesAnRpIdThatIsNotADomain(String rpId) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PasskeySettings(rpId, "Example", List.of("https://example.com")))
			.withMessageContaining("usercenter.passkeys.rp-id");
	}

}
