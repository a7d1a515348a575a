package com.usercenter.events;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a webhook may be sent to (contract 9.1): {@code https} only, and never an address
 * inside the service's own network: loopback, private (10/8, 172.16/12, 192.168/16,
 * 100.64/10, fc00::/7), link-local (169.254/16 with the cloud metadata service,
 * fe80::/10), multicast, unspecified, reserved, or an IPv6 form of any of these (mapped,
 * compatible, NAT64, 6to4). A URL is checked when it is saved (its IP literal, in every
 * spelling a resolver accepts: {@code 0x7f.1}, {@code 2130706433}, {@code 017700000001})
 * and every address a name resolves to is checked again at each delivery, on the address
 * actually connected to ({@link GuardedDnsResolver}). With
 * {@code usercenter.webhooks.allow-insecure-targets} (tests, closed networks) both checks
 * are off.
 */
final class Targets {

	private static final Pattern NAME = Pattern
		.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

	private static final Pattern NUMERIC = Pattern.compile("[0-9a-fx.]+");

	private Targets() {
	}

	/**
	 * Checks a target URL as it is saved.
	 * @return the reason it is refused, or null when it is acceptable
	 */
	static String refusal(String url, boolean allowInsecure) {
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			return "must be an absolute https URL";
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!uri.isAbsolute() || uri.isOpaque() || uri.getRawAuthority() == null
				|| !(scheme.equals("https") || (allowInsecure && scheme.equals("http")))) {
			return "must be an absolute https URL";
		}
		if (uri.getRawUserInfo() != null || uri.getRawAuthority().contains("@")) {
			return "must not carry a user name or password";
		}
		if (uri.getRawFragment() != null) {
			return "must not have a fragment";
		}
		String host = hostOf(uri.getRawAuthority());
		if (host == null) {
			return "must name a host";
		}
		if (allowInsecure) {
			return null;
		}
		InetAddress literal;
		try {
			literal = literal(host);
		}
		catch (UnknownHostException ex) {
			return "must name a host or a public IP address";
		}
		if (literal != null) {
			String why = refusal(literal);
			return (why != null) ? "must not point at " + why + " addresses" : null;
		}
		if (!NAME.matcher(host).matches() || host.equals("localhost") || host.endsWith(".localhost")) {
			return "must name a public host";
		}
		return null;
	}

	/** The host of an authority ({@code [::1]:8443} gives {@code ::1}), lower-case. */
	static String hostOf(String authority) {
		String host;
		if (authority.startsWith("[")) {
			int end = authority.indexOf(']');
			if (end < 0 || (end + 1 < authority.length() && authority.charAt(end + 1) != ':')) {
				return null;
			}
			host = authority.substring(0, end + 1);
		}
		else {
			int colon = authority.lastIndexOf(':');
			host = (colon >= 0) ? authority.substring(0, colon) : authority;
		}
		host = host.toLowerCase(Locale.ROOT);
		if (host.endsWith(".")) {
			host = host.substring(0, host.length() - 1);
		}
		return host.isEmpty() ? null : host;
	}

	/**
	 * The address an IP literal names, in any spelling a resolver would accept, or null
	 * for a name.
	 * @throws UnknownHostException for something that looks numeric but is no address
	 * (such as {@code 999.1.1.1}): never handed to a resolver, which might read it some
	 * other way
	 */
	static InetAddress literal(String host) throws UnknownHostException {
		String bare = host;
		if (bare.startsWith("[") && bare.endsWith("]")) {
			bare = bare.substring(1, bare.length() - 1);
		}
		if (bare.indexOf(':') >= 0) {
			if (!bare.matches("[0-9a-f:.%a-z]+")) {
				throw new UnknownHostException(host);
			}
			// a literal: InetAddress parses it without asking DNS
			return InetAddress.getByName("[" + bare + "]");
		}
		if (!NUMERIC.matcher(bare).matches() || !Character.isDigit(bare.charAt(0))
				|| bare.chars().noneMatch(Character::isDigit)) {
			return null;
		}
		String last = bare.substring(bare.lastIndexOf('.') + 1);
		if (!last.isEmpty() && !last.matches("[0-9]+|0x[0-9a-f]*")) {
			// a name whose last label starts with a digit (3com.example is not numeric)
			return null;
		}
		return ipv4(bare, host);
	}

	/** {@code inet_aton}'s reading: 1 to 4 parts, each decimal, 0x hex or 0 octal. */
	private static InetAddress ipv4(String text, String host) throws UnknownHostException {
		String[] parts = text.split("\\.", -1);
		if (parts.length > 4) {
			throw new UnknownHostException(host);
		}
		long[] values = new long[parts.length];
		for (int i = 0; i < parts.length; i++) {
			values[i] = part(parts[i], host);
		}
		long address = 0;
		for (int i = 0; i < parts.length - 1; i++) {
			if (values[i] > 255) {
				throw new UnknownHostException(host);
			}
			address |= values[i] << (24 - 8 * i);
		}
		long rest = values[parts.length - 1];
		if (rest >= (1L << (8 * (5 - parts.length)))) {
			throw new UnknownHostException(host);
		}
		address |= rest;
		return InetAddress.getByAddress(host,
				new byte[] { (byte) (address >> 24), (byte) (address >> 16), (byte) (address >> 8), (byte) address });
	}

	private static long part(String part, String host) throws UnknownHostException {
		try {
			if (part.startsWith("0x")) {
				return (part.length() == 2) ? 0 : Long.parseLong(part.substring(2), 16);
			}
			if (part.length() > 1 && part.startsWith("0")) {
				return Long.parseLong(part.substring(1), 8);
			}
			return Long.parseLong(part);
		}
		catch (NumberFormatException ex) {
			throw new UnknownHostException(host);
		}
	}

	/**
	 * Why an address may not be a target (a word for the error), or null when it is
	 * public.
	 */
	static String refusal(InetAddress address) {
		if (address instanceof Inet6Address) {
			byte[] b = address.getAddress();
			Inet4Address embedded = embeddedIpv4(b);
			if (embedded != null) {
				return refusal(embedded);
			}
			if ((b[0] & 0xfe) == 0xfc) {
				return "private";
			}
			if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
				return "private";
			}
		}
		if (address.isAnyLocalAddress()) {
			return "unspecified";
		}
		if (address.isLoopbackAddress()) {
			return "loopback";
		}
		if (address.isLinkLocalAddress()) {
			return "link-local";
		}
		if (address.isSiteLocalAddress()) {
			return "private";
		}
		if (address.isMulticastAddress()) {
			return "multicast";
		}
		if (address instanceof Inet4Address) {
			int a = address.getAddress()[0] & 0xff;
			int b = address.getAddress()[1] & 0xff;
			int c = address.getAddress()[2] & 0xff;
			if (a == 0) {
				return "unspecified";
			}
			if (a == 100 && (b & 0xc0) == 64) {
				return "private";
			}
			if (a == 192 && b == 0 && c == 0) {
				return "reserved";
			}
			if (a == 198 && (b & 0xfe) == 18) {
				return "reserved";
			}
			if (a >= 240) {
				return "reserved";
			}
		}
		return null;
	}

	/**
	 * The IPv4 address inside an IPv6 one that carries it: mapped
	 * ({@code ::ffff:a.b.c.d}), compatible ({@code ::a.b.c.d}), NAT64
	 * ({@code 64:ff9b::/96}) or 6to4 ({@code 2002:AABB:CCDD::/48}); null otherwise.
	 */
	private static Inet4Address embeddedIpv4(byte[] b) {
		boolean zeros = true;
		for (int i = 0; i < 10; i++) {
			zeros &= b[i] == 0;
		}
		boolean mapped = zeros && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
		boolean compatible = zeros && b[10] == 0 && b[11] == 0
				&& !(b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] == 0 || b[15] == 1));
		boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
		for (int i = 4; nat64 && i < 12; i++) {
			nat64 = b[i] == 0;
		}
		if (mapped || compatible || nat64) {
			return ipv4(b[12], b[13], b[14], b[15]);
		}
		if (b[0] == 0x20 && b[1] == 0x02) {
			return ipv4(b[2], b[3], b[4], b[5]);
		}
		return null;
	}

	private static Inet4Address ipv4(byte a, byte b, byte c, byte d) {
		try {
			return (Inet4Address) InetAddress.getByAddress(new byte[] { a, b, c, d });
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
