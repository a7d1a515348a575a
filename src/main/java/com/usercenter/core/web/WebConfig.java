package com.usercenter.core.web;

import java.util.List;
import java.util.Locale;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import com.usercenter.core.RequestId;
import com.usercenter.core.errors.EnvelopeResponder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.convert.ConversionService;
import org.springframework.format.FormatterRegistry;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * Locale from {@code Accept-Language} (Simplified Chinese unless English is asked for),
 * form bodies read like JSON ones, one value for a one-value parameter, and the filters
 * that run before everything else.
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

	/** After the request id and the HTTP metric's observation, before everything else. */
	@Bean
	FilterRegistrationBean<AccessLog> accessLogFilter(
			@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> routes,
			ObjectProvider<MeterRegistry> meters) {
		FilterRegistrationBean<AccessLog> registration = new FilterRegistrationBean<>(new AccessLog(routes, meters));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		return registration;
	}

	@Bean
	FilterRegistrationBean<RequestArrival> requestArrivalFilter(WebSettings settings, ArrivingBodies bodies,
			EnvelopeResponder responder) {
		FilterRegistrationBean<RequestArrival> registration = new FilterRegistrationBean<>(
				new RequestArrival(settings, bodies, responder));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

}
