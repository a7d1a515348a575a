package com.usercenter.core.security;

import java.util.Random;
import java.util.function.Function;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast bearer token resolver and firewall rules answer what Spring Security's own
 * answer, for every input.
 */
class BearerTokensUnitTest {

	private final BearerTokens fast = new BearerTokens();

	private final DefaultBearerTokenResolver spring = new DefaultBearerTokenResolver();

	@Test
	void resolvesEveryHeaderAsSpringSecurityDoes() {
		String[] headers = { null, "", "Bearer", "Bearer ", "Bearer abc.def-ghi_jkl~mno+p/q", "bearer abc",
				"BEARER abc==", "Bearer abc=", "Bearer abc=d", "Bearer =", "Bearer abc def", "Bearer  abc",
				"Bearer abc\t", "Bearer 令牌", "Basic dXNlcjpwYXNz", "Bearerabc", "Bearer abc,Bearer def" };
		for (String header : headers) {
			for (String query : new String[] { null, "page=1", "access_token=abc" }) {
				MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/users/me");
				if (header != null) {
					request.addHeader("Authorization", header);
				}
				if (query != null) {
					request.setQueryString(query);
					request.addParameter(query.split("=")[0], query.split("=")[1]);
				}
				assertThat(answer(this.fast::resolve, request)).as(header + " ? " + query)
					.isEqualTo(answer(this.spring::resolve, request));
			}
		}
	}

	@Test
	void checksHeadersAsTheStrictFirewallsExpressionsDo() {
		Pattern names = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
		Pattern values = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");
		Random random = new Random(7);
		int[] samples = { 'a', ' ', '\t', '\n', '\r', 0, 0x7f, 0x85, 0xa0, 0x4e2d, 0x0378, 0xffff, 0x1f600, 0xe0001,
				0x10ffff, 0xd800, '~' };
		for (int n = 0; n < 20_000; n++) {
			StringBuilder value = new StringBuilder();
			for (int length = random.nextInt(6); length > 0; length--) {
				int pick = random.nextInt(samples.length + 1);
				int codePoint = (pick == samples.length) ? random.nextInt(0x110000) : samples[pick];
				if (Character.isSurrogate((char) codePoint) && random.nextBoolean()) {
					value.append((char) codePoint);
				}
				else {
					value.appendCodePoint(codePoint);
				}
			}
			String text = value.toString();
			assertThat(BearerTokens.assignedAndNotControl(text, false)).as(text)
				.isEqualTo(names.matcher(text).matches());
			assertThat(BearerTokens.assignedAndNotControl(text, true)).as(text)
				.isEqualTo(values.matcher(text).matches());
		}
	}

	private static String answer(Function<HttpServletRequest, String> resolver, HttpServletRequest request) {
		try {
			return "token " + resolver.apply(request);
		}
		catch (OAuth2AuthenticationException ex) {
			return "refused " + ex.getError().getDescription();
		}
	}

}
