package com.usercenter.core;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

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

	/** Only address literals are parsed: a host name would make InetAddress ask DNS. */
	private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

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

	/**
	 * The network an address belongs to for counting: its IPv4 /24 or its IPv6 /64, where
	 * one party usually holds every address. Anything unreadable is its own network.
	 */
	public static String network(String ip) {
		if (ip == null || !LITERAL.matcher(ip).matches()) {
			return "unknown";
		}
		try {
			InetAddress address = InetAddress.getByName(ip);
			byte[] bytes = address.getAddress();
			if (address instanceof Inet4Address) {
				return (bytes[0] & 0xFF) + "." + (bytes[1] & 0xFF) + "." + (bytes[2] & 0xFF) + ".0/24";
			}
			if (address instanceof Inet6Address) {
				StringBuilder net = new StringBuilder();
				for (int i = 0; i < 8; i += 2) {
					net.append(Integer.toHexString(((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF))).append(':');
				}
				return net.append(":/64").toString();
			}
		}
		catch (UnknownHostException ex) {
			// not an address after all
		}
		return "unknown";
	}

}
