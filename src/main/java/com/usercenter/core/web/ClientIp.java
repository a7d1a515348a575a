package com.usercenter.core.web;

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
 * <p>
 * The one rule for what a limit counts: every per-address limit keys on
 * {@link #address(String)} and every per-network one on {@link #network(String)}. For
 * IPv4 an address is itself and a network its /24; for IPv6 an address is its /64 (one
 * subscriber's LAN, any of whose 2^64 addresses it may pick) and a network its /48 (the
 * most one customer is usually given). {@link #of} and {@link #current} are the address
 * as seen, for records (audit events, sessions), never a limit's key.
 */
public final class ClientIp {

	/** Only address literals are parsed: a host name would make InetAddress ask DNS. */
	private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

	private static final String UNKNOWN = "unknown";

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
	 * What a per-address limit counts as one address: an IPv4 address, or an IPv6
	 * address's /64. Anything unreadable (or no address) counts as "unknown", never
	 * uncounted.
	 */
	public static String address(String ip) {
		return prefix(ip, 32, 64);
	}

	/**
	 * What a per-network limit counts as one network: an IPv4 /24, or an IPv6 /48.
	 */
	public static String network(String ip) {
		return prefix(ip, 24, 48);
	}

	/** The address of a request, as a per-address limit counts it. */
	public static String addressOf(HttpServletRequest request) {
		return address(of(request));
	}

	/** The address of the request being served, as a per-address limit counts it. */
	public static String currentAddress() {
		return address(current());
	}

	/** The network of the request being served, as a per-network limit counts it. */
	public static String currentNetwork() {
		return network(current());
	}

	private static String prefix(String ip, int ipv4Bits, int ipv6Bits) {
		if (ip == null || !LITERAL.matcher(ip).matches()) {
			return UNKNOWN;
		}
		InetAddress address;
		try {
			address = InetAddress.getByName(ip);
		}
		catch (UnknownHostException ex) {
			return UNKNOWN;
		}
		byte[] bytes = address.getAddress();
		if (address instanceof Inet4Address) {
			StringBuilder key = new StringBuilder();
			for (int i = 0; i < 4; i++) {
				key.append((i < ipv4Bits / 8) ? bytes[i] & 0xFF : 0).append((i < 3) ? "." : "");
			}
			return (ipv4Bits == 32) ? key.toString() : key.append('/').append(ipv4Bits).toString();
		}
		if (address instanceof Inet6Address) {
			StringBuilder key = new StringBuilder();
			for (int i = 0; i < ipv6Bits / 8; i += 2) {
				key.append(Integer.toHexString(((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF))).append(':');
			}
			return key.append(":/").append(ipv6Bits).toString();
		}
		return UNKNOWN;
	}

}
