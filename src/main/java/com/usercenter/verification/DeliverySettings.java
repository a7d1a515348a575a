package com.usercenter.verification;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * SMS delivery settings ({@code usercenter.sms.*}).
 *
 * @param provider {@code log} or {@code webhook}
 * @param webhook where and how fast the webhook sender posts
 */
@ConfigurationProperties("usercenter.sms")
record DeliverySettings(@DefaultValue("log") String provider, @DefaultValue Webhook webhook) {

	/**
	 * @param url the endpoint receiving {@code {"to","text","code","purpose"}}
	 * @param connectTimeout time allowed to connect
	 * @param readTimeout time allowed for the answer
	 */
	record Webhook(URI url, @DefaultValue("2s") Duration connectTimeout, @DefaultValue("5s") Duration readTimeout) {
	}

}
