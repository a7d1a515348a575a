package com.usercenter.core.web;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.util.MultiValueMap;
import org.springframework.util.StreamUtils;

/**
 * Reads an {@code application/x-www-form-urlencoded} body into the same request record a
 * JSON body would fill, so partner servers may send either. A field sent once empty
 * counts as absent; a field sent more than once is refused, empty or not. A body read
 * whole before ({@link CachedBody}, the tenant API's) is taken as already parsed, rather
 * than parsed again from what Spring MVC makes of the request parameters.
 */
final class FormObjectConverter extends AbstractHttpMessageConverter<Object> {

	private final JsonMapper json;

	FormObjectConverter(JsonMapper json) {
		super(MediaType.APPLICATION_FORM_URLENCODED);
		this.json = json;
	}

	@Override
	protected boolean supports(Class<?> clazz) {
		return !Map.class.isAssignableFrom(clazz) && !MultiValueMap.class.isAssignableFrom(clazz)
				&& !clazz.isPrimitive() && !clazz.getName().startsWith("java.");
	}

	@Override
	protected boolean canWrite(MediaType mediaType) {
		return false;
	}

	@Override
	protected Object readInternal(Class<?> clazz, HttpInputMessage input) throws IOException {
		try {
			Map<String, List<String>> form = CachedBody.currentForm();
			if (form == null) {
				MediaType type = input.getHeaders().getContentType();
				Charset charset = (type != null && type.getCharset() != null) ? type.getCharset()
						: StandardCharsets.UTF_8;
				form = FormBody.parse(StreamUtils.copyToString(input.getBody(), charset), charset);
			}
			return this.json.convertValue(fields(form), clazz);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new HttpMessageNotReadableException("Form body does not fit the request", ex, input);
		}
	}

	/**
	 * The value of each field: a field sent more than once is refused whatever its values
	 * ({@code a=&a=B} as much as {@code a=A&a=B}: which one was meant is anyone's guess,
	 * as with a key twice in JSON or a query parameter twice), and a field sent once
	 * empty counts as absent.
	 */
	static Map<String, String> fields(Map<String, List<String>> form) {
		Map<String, String> fields = new LinkedHashMap<>();
		form.forEach((name, values) -> {
			if (values.size() > 1) {
				throw new IllegalArgumentException("Field sent more than once: " + name);
			}
			if (!values.get(0).isEmpty()) {
				fields.put(name, values.get(0));
			}
		});
		return fields;
	}

	@Override
	protected void writeInternal(Object o, HttpOutputMessage output) throws HttpMessageNotWritableException {
		throw new HttpMessageNotWritableException("Forms are read, never written");
	}

}
