package com.usercenter.verification;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * SMS delivery settings ({@code usercenter.sms.*}).
 *
 * @param provider {@code log}, {@code webhook}, {@code aliyun} or {@code tencent}
 * @param webhook where and how fast the webhook sender posts
 * @param aliyun Alibaba Cloud SMS
 * @param tencent Tencent Cloud SMS
 */
@ConfigurationProperties("usercenter.sms")
record DeliverySettings(@DefaultValue("log") String provider, @DefaultValue Webhook webhook,
		@DefaultValue Aliyun aliyun, @DefaultValue Tencent tencent) {

	/** The template keys: one per purpose, kebab case, plus admin messages. */
	static final java.util.List<String> TEMPLATE_KEYS = java.util.List.of("register", "login", "reset-password",
			"change-contact", "verify", "admin-message");

	/**
	 * Alibaba Cloud SMS ({@code SendSms}, version 2017-05-25). Each template takes
	 * {@code ${code}} (the admin message template {@code ${content}}).
	 */
	record Aliyun(@DefaultValue("https://dysmsapi.aliyuncs.com") String baseUrl, String accessKeyId,
			String accessKeySecret, String signName, @DefaultValue java.util.Map<String, String> templates,
			@DefaultValue("2s") Duration connectTimeout, @DefaultValue("5s") Duration readTimeout) {
	}

	/**
	 * Tencent Cloud SMS ({@code SendSms}, version 2021-01-11). Each template takes
	 * {@code {1}}: the code, or the admin message's text.
	 */
	record Tencent(@DefaultValue("https://sms.tencentcloudapi.com") String baseUrl, String secretId, String secretKey,
			@DefaultValue("ap-guangzhou") String region, String sdkAppId, String signName,
			@DefaultValue java.util.Map<String, String> templates, @DefaultValue("2s") Duration connectTimeout,
			@DefaultValue("5s") Duration readTimeout) {
	}

	/**
	 * @param url the endpoint receiving {@code {"to","text","code","purpose"}}
	 * @param connectTimeout time allowed to connect
	 * @param readTimeout time allowed for the answer
	 */
	record Webhook(URI url, @DefaultValue("2s") Duration connectTimeout, @DefaultValue("5s") Duration readTimeout) {
	}

}
