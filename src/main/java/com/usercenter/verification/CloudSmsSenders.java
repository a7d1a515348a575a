package com.usercenter.verification;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import com.usercenter.cloud.AliyunRpcClient;
import com.usercenter.cloud.TencentCloudClient;
import com.usercenter.core.MissingSetting;
import com.usercenter.core.UpstreamFailed;
import com.usercenter.user.PhoneNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Alibaba Cloud and Tencent Cloud SMS. A send the provider refuses answers 50200 (and is
 * given back to the limits); the provider's error code is logged with the number masked,
 * never the message text or the code.
 */
@Configuration(proxyBeanMethods = false)
class CloudSmsSenders {

	private static final Logger log = LoggerFactory.getLogger(CloudSmsSenders.class);

	@Bean
	@ConditionalOnProperty(name = "usercenter.sms.provider", havingValue = "aliyun")
	SmsSender aliyunSmsSender(DeliverySettings settings, JsonMapper json, Clock clock) {
		DeliverySettings.Aliyun aliyun = settings.aliyun();
		require(aliyun.accessKeyId(), "usercenter.sms.aliyun.access-key-id");
		require(aliyun.accessKeySecret(), "usercenter.sms.aliyun.access-key-secret");
		require(aliyun.signName(), "usercenter.sms.aliyun.sign-name");
		requireTemplates(aliyun.templates(), "usercenter.sms.aliyun.templates");
		AliyunRpcClient client = new AliyunRpcClient(aliyun.baseUrl(), "2017-05-25", aliyun.accessKeyId(),
				aliyun.accessKeySecret(), aliyun.connectTimeout(), aliyun.readTimeout(), clock);
		return (message) -> {
			String template = template(aliyun.templates(), message);
			String parameters = json.writeValueAsString(
					(message.code() != null) ? Map.of("code", message.code()) : Map.of("content", message.text()));
			JsonNode answer = client.call("SendSms", Map.of("PhoneNumbers", aliyunNumber(message.to()), "SignName",
					aliyun.signName(), "TemplateCode", template, "TemplateParam", parameters));
			String code = AliyunRpcClient.code(answer);
			if (!"OK".equals(code)) {
				log.warn("Alibaba Cloud refused an SMS to {}: {}", masked(message.to()), code);
				throw new UpstreamFailed();
			}
		};
	}

	@Bean
	@ConditionalOnProperty(name = "usercenter.sms.provider", havingValue = "tencent")
	SmsSender tencentSmsSender(DeliverySettings settings, JsonMapper json, Clock clock) {
		DeliverySettings.Tencent tencent = settings.tencent();
		require(tencent.secretId(), "usercenter.sms.tencent.secret-id");
		require(tencent.secretKey(), "usercenter.sms.tencent.secret-key");
		require(tencent.sdkAppId(), "usercenter.sms.tencent.sdk-app-id");
		require(tencent.signName(), "usercenter.sms.tencent.sign-name");
		requireTemplates(tencent.templates(), "usercenter.sms.tencent.templates");
		TencentCloudClient client = new TencentCloudClient(tencent.baseUrl(), "sms", tencent.secretId(),
				tencent.secretKey(), tencent.connectTimeout(), tencent.readTimeout(), clock);
		return (message) -> {
			String body = json
				.writeValueAsString(Map.of("PhoneNumberSet", List.of(message.to()), "SmsSdkAppId", tencent.sdkAppId(),
						"SignName", tencent.signName(), "TemplateId", template(tencent.templates(), message),
						"TemplateParamSet", List.of((message.code() != null) ? message.code() : message.text())));
			JsonNode answer = client.call("SendSms", "2021-01-11", tencent.region(), body);
			String code = answer.has("Error") ? answer.path("Error").path("Code").asString("")
					: answer.path("SendStatusSet").path(0).path("Code").asString("");
			if (!"Ok".equals(code)) {
				log.warn("Tencent Cloud refused an SMS to {}: {}", masked(message.to()),
						code.isEmpty() ? "no status" : code);
				throw new UpstreamFailed();
			}
		};
	}

	/**
	 * The template for what the message carries: a code of a purpose, or an admin's text.
	 */
	private static String template(Map<String, String> templates, SmsSender.SmsMessage message) {
		String key = (message.purpose() != null) ? message.purpose().replace('_', '-') : "admin-message";
		String template = templates.get(key);
		if (template == null) {
			log.warn("No SMS template is configured for {}", key);
			throw new UpstreamFailed();
		}
		return template;
	}

	/**
	 * Alibaba Cloud wants mainland numbers without +86, others with their country code.
	 */
	private static String aliyunNumber(String e164) {
		return e164.startsWith("+86") ? e164.substring(3) : e164.substring(1);
	}

	private static String masked(String e164) {
		return new PhoneNumber(e164).masked();
	}

	private static void require(String value, String key) {
		if (value == null || value.isBlank()) {
			throw new MissingSetting(key, "usercenter.sms.provider=" + key.split("\\.")[2]);
		}
	}

	private static void requireTemplates(Map<String, String> templates, String key) {
		for (String purpose : DeliverySettings.TEMPLATE_KEYS) {
			if (!"admin-message".equals(purpose) && !templates.containsKey(purpose)) {
				throw new MissingSetting(key + "." + purpose, "usercenter.sms.provider=" + key.split("\\.")[2]);
			}
		}
	}

}
