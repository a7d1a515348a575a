package com.usercenter.core.web;

import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an {@code application/x-www-form-urlencoded} body or query string: the one parser
 * for the tenant signature filter and the form message converter.
 */
public final class FormBody {

	private FormBody() {
	}

	/**
	 * Every field with all its values, in order.
	 * @throws IllegalArgumentException on a malformed percent escape
	 */
	public static Map<String, List<String>> parse(String encoded, Charset charset) {
		Map<String, List<String>> fields = new LinkedHashMap<>();
		if (encoded == null || encoded.isEmpty()) {
			return fields;
		}
		for (String pair : encoded.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			String name = URLDecoder.decode((eq >= 0) ? pair.substring(0, eq) : pair, charset);
			String value = (eq >= 0) ? URLDecoder.decode(pair.substring(eq + 1), charset) : "";
			fields.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
		}
		return fields;
	}

}
