package com.usercenter.core;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The client address of the request being served: the connection's, or the forwarded one
 * when a trusted proxy is configured ({@code server.forward-headers-strategy=native} with
 * {@code server.tomcat.remoteip.internal-proxies}), in which case Tomcat has already put
 * it here.
 */
public final class ClientIp {

	private ClientIp() {
	}

	public static String current() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			return of(attributes.getRequest());
		}
		return null;
	}

	public static String of(HttpServletRequest request) {
		return request.getRemoteAddr();
	}

}
