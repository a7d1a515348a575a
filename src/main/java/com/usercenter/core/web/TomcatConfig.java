package com.usercenter.core.web;

import org.apache.catalina.core.StandardHost;

import com.usercenter.core.errors.EnvelopeErrorReportValve;
import com.usercenter.core.errors.EnvelopeResponder;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes the errors Tomcat answers by itself use the envelope too, and puts
 * {@link ArrivingBodies}' valve around the application.
 */
@Configuration(proxyBeanMethods = false)
class TomcatConfig {

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> envelopeErrorReports(EnvelopeResponder responder,
			ArrivingBodies bodies) {
		return (factory) -> {
			factory.addContextValves(bodies.valve());
			factory.addContextCustomizers((context) -> {
				if (context.getParent() instanceof StandardHost host) {
					// the host adds an error valve of this class only when none is there
					// yet
					host.setErrorReportValveClass(EnvelopeErrorReportValve.class.getName());
					host.getPipeline().addValve(new EnvelopeErrorReportValve(responder));
				}
			});
		};
	}

}
