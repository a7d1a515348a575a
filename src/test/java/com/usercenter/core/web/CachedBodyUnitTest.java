package com.usercenter.core.web;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class CachedBodyUnitTest {

	@Test
	void theBodyIsReadOnceAndReplayedAsItCame() throws Exception {
		byte[] sent = "{\"associatedId\":\"小明\"}".getBytes(StandardCharsets.UTF_8);
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/sessions-rest/x");
		request.setContentType(MediaType.APPLICATION_JSON_VALUE);
		request.setContent(sent);

		CachedBody cached = CachedBody.read(request);

		assertThat(cached.bytes()).isEqualTo(sent);
		assertThat(cached.getInputStream().readAllBytes()).isEqualTo(sent);
		assertThat(cached.getInputStream().readAllBytes()).as("replayed to every reader").isEqualTo(sent);
		assertThat(cached.getContentLengthLong()).isEqualTo(sent.length);
		assertThat(cached.getParameterMap()).isEmpty();
	}

	@Test
	void theParametersAreTheQueryThenTheFormBody() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/user-rest/x");
		request.setQueryString("associatedId=p-1&a=1");
		request.setContentType(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
		request.setContent("mobile=%2B8613800138000&a=2".getBytes(StandardCharsets.UTF_8));

		CachedBody cached = CachedBody.read(request);

		assertThat(cached.getParameter("associatedId")).isEqualTo("p-1");
		assertThat(cached.getParameter("mobile")).isEqualTo("+8613800138000");
		assertThat(cached.getParameterValues("a")).containsExactly("1", "2");
		assertThat(cached.getInputStream().readAllBytes())
			.isEqualTo("mobile=%2B8613800138000&a=2".getBytes(StandardCharsets.UTF_8));
	}

}
