package com.usercenter.core.startup;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service's clock, in the zone where birthdays are calendar dates
 * ({@code usercenter.zone}).
 */
@Configuration(proxyBeanMethods = false)
class ClockConfig {

	@Bean
	Clock clock(@Value("${usercenter.zone:Asia/Shanghai}") ZoneId zone) {
		return Clock.system(zone);
	}

}
