package com.usercenter.verification;

import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.usercenter.core.MissingSetting;
import com.usercenter.core.UpstreamFailed;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The delivery providers. {@code log} ones are for development: they write the whole
 * message, code included, to the {@code usercenter.delivery} logger and must not be used
 * in production.
 */
@Configuration(proxyBeanMethods = false)
class Senders {

	private static final Logger delivery = LoggerFactory.getLogger("usercenter.delivery");

	@Bean
	@ConditionalOnProperty(name = "usercenter.sms.provider", havingValue = "log", matchIfMissing = true)
	SmsSender logSmsSender() {
		return (message) -> delivery.info("SMS to {}: {}", message.to(), message.text());
	}

	@Bean
	@ConditionalOnProperty(name = "usercenter.sms.provider", havingValue = "webhook")
	SmsSender webhookSmsSender(DeliverySettings settings, RestClient.Builder builder,
			tools.jackson.databind.json.JsonMapper json) {
		DeliverySettings.Webhook webhook = settings.webhook();
		if (webhook.url() == null) {
			throw new MissingSetting("usercenter.sms.webhook.url", "usercenter.sms.provider=webhook");
		}
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(webhook.connectTimeout())
			.build();
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
		factory.setReadTimeout(webhook.readTimeout());
		RestClient client = builder.requestFactory(factory).build();
		return (message) -> {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("to", message.to());
			body.put("text", message.text());
			body.put("code", message.code());
			body.put("purpose", message.purpose());
			try {
				// bytes of known length: a Content-Length, not a chunked body, which
				// small
				// gateways and serverless endpoints refuse
				client.post()
					.uri(webhook.url())
					.contentType(MediaType.APPLICATION_JSON)
					.body(json.writeValueAsBytes(body))
					.retrieve()
					.toBodilessEntity();
			}
			catch (RestClientException ex) {
				LoggerFactory.getLogger(Senders.class)
					.warn("SMS webhook failed: {}", ex.getMostSpecificCause().getClass().getSimpleName());
				throw new UpstreamFailed();
			}
		};
	}

	@Bean
	@ConditionalOnProperty(name = "usercenter.email.provider", havingValue = "log", matchIfMissing = true)
	EmailSender logEmailSender() {
		return (message) -> delivery.info("Email to {}: {} / {}", message.to(), message.subject(), message.text());
	}

	@Bean
	@ConditionalOnProperty(name = "usercenter.email.provider", havingValue = "smtp")
	EmailSender smtpEmailSender(ObjectProvider<JavaMailSender> mail, EmailSettings settings) {
		JavaMailSender sender = mail.getIfAvailable();
		if (sender == null) {
			throw new MissingSetting("spring.mail.host", "usercenter.email.provider=smtp");
		}
		return (message) -> {
			SimpleMailMessage mailMessage = new SimpleMailMessage();
			mailMessage.setFrom(settings.from());
			mailMessage.setTo(message.to());
			mailMessage.setSubject(message.subject());
			mailMessage.setText(message.text());
			try {
				sender.send(mailMessage);
			}
			catch (MailException ex) {
				LoggerFactory.getLogger(Senders.class).warn("SMTP delivery failed: {}", ex.getClass().getSimpleName());
				throw new UpstreamFailed();
			}
		};
	}

}
