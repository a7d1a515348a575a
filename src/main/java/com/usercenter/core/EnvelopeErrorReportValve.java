package com.usercenter.core;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's own error page, for the few errors Tomcat answers before the application sees
 * the request (a malformed request line, an encoded slash in the path): the envelope
 * instead of HTML.
 */
public class EnvelopeErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		ErrorCode code = ErrorCode.forStatus(status);
		try {
			response.setContentType("application/json");
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write("{\"code\":" + code.code() + ",\"msg\":\"" + message(code, request) + "\",\"data\":null}");
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client is gone or the response is already committed: nothing more to
			// say
		}
	}

	private static String message(ErrorCode code, Request request) {
		String language = request.getHeader("Accept-Language");
		Locale locale = (language != null && language.trim().toLowerCase(Locale.ROOT).startsWith("en")) ? Locale.ENGLISH
				: Locale.SIMPLIFIED_CHINESE;
		try {
			return ResourceBundle
				.getBundle("messages", locale,
						ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES))
				.getString(code.messageKey())
				.replace("\"", "'");
		}
		catch (MissingResourceException ex) {
			return code.name();
		}
	}

}
