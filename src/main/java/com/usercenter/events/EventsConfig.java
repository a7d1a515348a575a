package com.usercenter.events;

import java.net.InetAddress;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The system's resolver for webhook targets; a test may give its own
 * ({@link TargetResolver}).
 */
@Configuration(proxyBeanMethods = false)
class EventsConfig {

	@Bean
	TargetResolver systemTargetResolver() {
		return InetAddress::getAllByName;
	}

}
