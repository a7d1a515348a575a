package com.usercenter.events;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A DNS the test controls: each name answers its scripted addresses in turn (the last one
 * from then on), and counts how often it was asked. Names not scripted are unknown.
 */
final class ScriptedResolver implements TargetResolver {

	static final ScriptedResolver INSTANCE = new ScriptedResolver();

	private final Map<String, List<String>> answers = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> lookups = new ConcurrentHashMap<>();

	/** The name answers these addresses, one per lookup, the last from then on. */
	void script(String host, String... addresses) {
		this.answers.put(host, List.of(addresses));
		this.lookups.put(host, new AtomicInteger());
	}

	int lookups(String host) {
		return this.lookups.getOrDefault(host, new AtomicInteger()).get();
	}

	@Override
	public InetAddress[] resolve(String host) throws UnknownHostException {
		List<String> scripted = this.answers.get(host);
		if (scripted == null) {
			throw new UnknownHostException(host);
		}
		int n = this.lookups.get(host).getAndIncrement();
		return new InetAddress[] { InetAddress.getByName(scripted.get(Math.min(n, scripted.size() - 1))) };
	}

	/** Makes it the service's resolver of webhook targets. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Config {

		@Bean
		@Primary
		TargetResolver scriptedResolver() {
			return INSTANCE;
		}

	}

}
