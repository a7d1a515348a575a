package com.usercenter.core.web;

import java.util.List;
import java.util.Locale;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import com.usercenter.core.RequestId;
import com.usercenter.core.errors.PreControllerErrors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.convert.ConversionService;
import org.springframework.format.FormatterRegistry;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * Locale from {@code Accept-Language} (Simplified Chinese unless English is asked for),
 * form bodies read like JSON ones, one value for a one-value parameter, the filters that
 * run before everything else, and the outcome counts.
 */
@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {

	private final JsonMapper json;

	WebConfig(JsonMapper json) {
		this.json = json;
	}

	@Bean
	LocaleResolver localeResolver() {
		AcceptHeaderLocaleResolver resolver = new AcceptHeaderLocaleResolver();
		resolver.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
		resolver.setSupportedLocales(List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH));
		return resolver;
	}

	@Override
	public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
		builder.addCustomConverter(new FormObjectConverter(this.json));
	}

	@Override
	public void addFormatters(FormatterRegistry registry) {
		if (registry instanceof ConversionService conversions) {
			registry.addConverter(new OneValueParameters(conversions));
		}
	}

	@Bean
	FilterRegistrationBean<RequestId> requestIdFilter() {
		FilterRegistrationBean<RequestId> registration = new FilterRegistrationBean<>(new RequestId());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	Routes routes(@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings) {
		return new Routes(mappings);
	}

	/** After the request id and the HTTP metric's observation, before everything else. */
	@Bean
	FilterRegistrationBean<AccessLog> accessLogFilter(Routes routes) {
		FilterRegistrationBean<AccessLog> registration = new FilterRegistrationBean<>(new AccessLog(routes));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		return registration;
	}

	/**
	 * Inside the access log, around every filter that may refuse a request: what they
	 * throw is answered in the envelope, and the access line shows that answer.
	 */
	@Bean
	FilterRegistrationBean<PreControllerErrors> preControllerErrorsFilter(PreControllerErrors errors) {
		FilterRegistrationBean<PreControllerErrors> registration = new FilterRegistrationBean<>(errors);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
		return registration;
	}

	/** Before the security filters, so a body is refused before a token is checked. */
	@Bean
	FilterRegistrationBean<OncePerRequestFilter> bodyAdmissionFilter(ArrivingBodies bodies) {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(bodies.admission());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	@Bean
	OutcomeCounter outcomeCounter(Routes routes, ObjectProvider<MeterRegistry> meters) {
		return new OutcomeCounter(routes, meters);
	}

}
