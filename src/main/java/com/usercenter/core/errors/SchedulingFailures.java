package com.usercenter.core.errors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.task.SimpleAsyncTaskSchedulerCustomizer;
import org.springframework.boot.task.ThreadPoolTaskSchedulerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ErrorHandler;

/**
 * A scheduled job that fails (a sweep, a cleanup) is logged by its types and frames, like
 * any other unexpected failure ({@link Failures}), not with Spring's default line, which
 * prints the message.
 */
@Configuration(proxyBeanMethods = false)
class SchedulingFailures {

	private static final Logger log = LoggerFactory.getLogger(SchedulingFailures.class);

	private static final ErrorHandler HANDLER = (failure) -> log.error("Unexpected failure in a scheduled job",
			Failures.redacted(failure));

	@Bean
	SimpleAsyncTaskSchedulerCustomizer redactedSimpleSchedulerFailures() {
		return (scheduler) -> scheduler.setErrorHandler(HANDLER);
	}

	@Bean
	ThreadPoolTaskSchedulerCustomizer redactedPooledSchedulerFailures() {
		return (scheduler) -> scheduler.setErrorHandler(HANDLER);
	}

}
