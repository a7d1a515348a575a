package com.usercenter.events;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Resolves the host name of a webhook target: the system's resolver in the service; a
 * test gives one it controls (a name that resolves to a public address first and to
 * 127.0.0.1 next), to prove that deliveries connect only to what was checked.
 */
@FunctionalInterface
interface TargetResolver {

	InetAddress[] resolve(String host) throws UnknownHostException;

}
