package com.usercenter.events;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

import org.apache.hc.client5.http.DnsResolver;

/**
 * The only resolver the webhook client has: a host is resolved once per connection, every
 * address it gives is checked ({@link Targets}), and the connection is made to those
 * checked addresses and no others. A name that resolves to a public address when it is
 * checked and to 127.0.0.1 a moment later (DNS rebinding) can therefore never take a
 * delivery to 127.0.0.1: there is no second lookup. One forbidden address among several
 * refuses them all.
 */
class GuardedDnsResolver implements DnsResolver {

	private final TargetResolver resolver;

	private final boolean allowInsecure;

	GuardedDnsResolver(TargetResolver resolver, boolean allowInsecure) {
		this.resolver = resolver;
		this.allowInsecure = allowInsecure;
	}

	@Override
	public InetAddress[] resolve(String host) throws UnknownHostException {
		InetAddress literal = Targets.literal(host);
		InetAddress[] addresses = (literal != null) ? new InetAddress[] { literal } : this.resolver.resolve(host);
		if (addresses == null || addresses.length == 0) {
			throw new UnknownHostException(host);
		}
		if (!this.allowInsecure) {
			for (InetAddress address : addresses) {
				String why = Targets.refusal(address);
				if (why != null) {
					throw new RefusedTarget(host + " resolves to " + why + " address " + address.getHostAddress());
				}
			}
		}
		return addresses;
	}

	@Override
	public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
		return Arrays.stream(resolve(host)).map((address) -> new InetSocketAddress(address, port)).toList();
	}

	@Override
	public String resolveCanonicalHostname(String host) throws UnknownHostException {
		// never used for connecting (no Kerberos here): the host as given
		return host;
	}

	/** A target whose address may not be connected to. */
	static final class RefusedTarget extends UnknownHostException {

		RefusedTarget(String message) {
			super(message);
		}

	}

}
