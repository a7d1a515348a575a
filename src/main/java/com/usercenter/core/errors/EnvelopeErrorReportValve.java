package com.usercenter.core.errors;

import java.io.IOException;
import java.io.Writer;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import com.usercenter.core.ErrorCode;

/**
 * Tomcat's own error page, for the few errors Tomcat answers before the application sees
 * the request (a malformed request line, an encoded slash in the path, an unknown HTTP
 * version): the envelope instead of HTML, written by the {@link EnvelopeResponder}.
 */
public class EnvelopeErrorReportValve extends ErrorReportValve {

	private final EnvelopeResponder responder;

	public EnvelopeErrorReportValve(EnvelopeResponder responder) {
		this.responder = responder;
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		try {
			response.setContentType("application/json");
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(this.responder.json(request, ErrorCode.forStatus(status)));
				response.finishResponse();
			}
		}
		catch (IOException | RuntimeException ex) {
			// the client is gone or the response is already committed: nothing more to
			// say
		}
	}

}
