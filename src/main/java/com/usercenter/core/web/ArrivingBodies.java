package com.usercenter.core.web;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

/**
 * How many request bodies each client address is still sending, on this instance: a
 * connection belongs to one instance, and so does the server thread a slow body holds.
 */
@Component
class ArrivingBodies {

	private final int perClient;

	private final ConcurrentHashMap<String, AtomicInteger> arriving = new ConcurrentHashMap<>();

	ArrivingBodies(WebSettings settings) {
		this.perClient = settings.bodiesInFlightPerIp();
	}

	/** Takes a place for one more body from this address; false when it has none left. */
	boolean enter(String client) {
		AtomicInteger count = this.arriving.computeIfAbsent(client, (key) -> new AtomicInteger());
		if (count.incrementAndGet() > this.perClient) {
			leave(client);
			return false;
		}
		return true;
	}

	void leave(String client) {
		this.arriving.computeIfPresent(client, (key, count) -> (count.decrementAndGet() <= 0) ? null : count);
	}

	/** Whether the address has no place left right now. */
	boolean full(String client) {
		AtomicInteger count = this.arriving.get(client);
		return count != null && count.get() >= this.perClient;
	}

}
