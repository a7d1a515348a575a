package com.usercenter.core.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.springframework.http.MediaType;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.WebUtils;

/**
 * A request whose body was read whole, once, for a filter that needs its bytes (the
 * tenant signature): the message converters are handed the same bytes, and a form body is
 * parsed once, for the request parameters (where Spring MVC reads a form POST from) and
 * the form converter alike. The body is read through the request it wraps, so its limits
 * hold ({@link ArrivingBodies}).
 */
public final class CachedBody extends HttpServletRequestWrapper {

	private final byte[] body;

	private Map<String, List<String>> form;

	private Map<String, String[]> parameters;

	private CachedBody(HttpServletRequest request, byte[] body) {
		super(request);
		this.body = body;
	}

	/** Reads the whole body of the request. */
	public static CachedBody read(HttpServletRequest request) throws IOException {
		return new CachedBody(request, request.getInputStream().readAllBytes());
	}

	/** The body as it came: hash it, never change it. */
	public byte[] bytes() {
		return this.body.clone();
	}

	/**
	 * The form body of the request being served, parsed once, when it was read whole;
	 * null otherwise.
	 */
	static Map<String, List<String>> currentForm() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			CachedBody cached = WebUtils.getNativeRequest(attributes.getRequest(), CachedBody.class);
			return (cached != null && cached.isForm()) ? cached.form() : null;
		}
		return null;
	}

	private boolean isForm() {
		String type = getContentType();
		return type != null && type.toLowerCase(Locale.ROOT).startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
	}

	/**
	 * Every field of a form body with all its values, in order.
	 * @throws IllegalArgumentException on a malformed percent escape
	 */
	private Map<String, List<String>> form() {
		if (this.form == null) {
			this.form = FormBody.parse(new String(this.body, charset()), charset());
		}
		return this.form;
	}

	private Charset charset() {
		String encoding = getCharacterEncoding();
		try {
			return (encoding != null) ? Charset.forName(encoding) : StandardCharsets.UTF_8;
		}
		catch (IllegalArgumentException ex) {
			// no such charset: the converters refuse the body's media type (41500)
			return StandardCharsets.UTF_8;
		}
	}

	/** The query's fields, then a form body's. */
	@Override
	public Map<String, String[]> getParameterMap() {
		if (this.parameters == null) {
			Map<String, List<String>> fields = new LinkedHashMap<>();
			addAll(fields, FormBody.parse(getQueryString(), StandardCharsets.UTF_8));
			if (isForm()) {
				addAll(fields, form());
			}
			Map<String, String[]> result = new LinkedHashMap<>();
			fields.forEach((name, values) -> result.put(name, values.toArray(String[]::new)));
			this.parameters = Collections.unmodifiableMap(result);
		}
		return this.parameters;
	}

	private static void addAll(Map<String, List<String>> fields, Map<String, List<String>> more) {
		more.forEach((name, values) -> fields.computeIfAbsent(name, (key) -> new ArrayList<>()).addAll(values));
	}

	@Override
	public String getParameter(String name) {
		String[] values = getParameterMap().get(name);
		return (values != null && values.length > 0) ? values[0] : null;
	}

	@Override
	public String[] getParameterValues(String name) {
		return getParameterMap().get(name);
	}

	@Override
	public Enumeration<String> getParameterNames() {
		return Collections.enumeration(getParameterMap().keySet());
	}

	@Override
	public ServletInputStream getInputStream() {
		ByteArrayInputStream in = new ByteArrayInputStream(this.body);
		return new ServletInputStream() {

			@Override
			public int read() {
				return in.read();
			}

			@Override
			public int read(byte[] b, int off, int len) {
				return in.read(b, off, len);
			}

			@Override
			public boolean isFinished() {
				return in.available() == 0;
			}

			@Override
			public boolean isReady() {
				return true;
			}

			@Override
			public void setReadListener(ReadListener listener) {
				throw new UnsupportedOperationException();
			}

		};
	}

	@Override
	public int getContentLength() {
		return this.body.length;
	}

	@Override
	public long getContentLengthLong() {
		return this.body.length;
	}

}
