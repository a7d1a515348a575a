package com.usercenter.core.web;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.mock.http.MockHttpInputMessage;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FormObjectConverterUnitTest {

	private final FormObjectConverter converter = new FormObjectConverter(JsonMapper.builder().build());

	@Test
	void readsFieldsOfEveryScalarType() throws Exception {
		Sample sample = (Sample) this.converter.read(Sample.class,
				form("name=%E5%B0%8F%E7%BA%A2&count=2&big=631152000000&flag=false&other=true"));

		assertThat(sample).isEqualTo(new Sample("小红", 2, 631152000000L, false, true));
	}

	@Test
	void emptyFieldsAreAbsent() throws Exception {
		Sample sample = (Sample) this.converter.read(Sample.class, form("name=&count=1&unknown=x"));

		assertThat(sample).isEqualTo(new Sample(null, 1, null, null, null));
	}

	@Test
	void aFieldWithTwoValuesIsUnreadable() {
		assertThatThrownBy(() -> this.converter.read(Sample.class, form("count=1&count=9")))
			.isInstanceOf(HttpMessageNotReadableException.class);
	}

	@ParameterizedTest
	@ValueSource(strings = { "count=&count=1", "count=1&count=", "name=&name=", "count=1&count=1" })
	void aFieldSentTwiceIsUnreadableWhateverItsValues(String body) {
		assertThatThrownBy(() -> this.converter.read(Sample.class, form(body)))
			.isInstanceOf(HttpMessageNotReadableException.class);
	}

	@Test
	void wrongTypeIsUnreadable() {
		assertThatThrownBy(() -> this.converter.read(Sample.class, form("count=abc")))
			.isInstanceOf(HttpMessageNotReadableException.class);
	}

	@Test
	void doesNotReadMaps() {
		assertThat(this.converter.canRead(java.util.Map.class, MediaType.APPLICATION_FORM_URLENCODED)).isFalse();
		assertThat(this.converter.canRead(Sample.class, MediaType.APPLICATION_FORM_URLENCODED)).isTrue();
		assertThat(this.converter.canWrite(Sample.class, MediaType.APPLICATION_FORM_URLENCODED)).isFalse();
	}

	@Test
	void aFormBodyReadWholeBeforeIsNotParsedAgain() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/user-rest/action/changeMobileByTenant");
		request.setContentType(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
		request.setContent("name=%E5%B0%8F%E7%BA%A2&count=2".getBytes(StandardCharsets.UTF_8));
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(CachedBody.read(request)));
		try {
			// what Spring MVC would hand the converter: the fields re-encoded, here
			// changed
			Sample sample = (Sample) this.converter.read(Sample.class, form("count=9"));

			assertThat(sample).isEqualTo(new Sample("小红", 2, null, null, null));
		}
		finally {
			RequestContextHolder.resetRequestAttributes();
		}
	}

	private static MockHttpInputMessage form(String body) {
		MockHttpInputMessage message = new MockHttpInputMessage(body.getBytes(StandardCharsets.UTF_8));
		message.getHeaders().setContentType(MediaType.APPLICATION_FORM_URLENCODED);
		return message;
	}

	record Sample(String name, Integer count, Long big, Boolean flag, Boolean other) {
	}

}
