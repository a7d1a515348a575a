package com.usercenter.account;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Carrier one-tap sign-in ({@code usercenter.one-tap.*}).
 *
 * @param provider {@code none} (one-tap is off: 40105) or {@code aliyun}
 * @param aliyun Alibaba Cloud number authentication ({@code GetMobile})
 */
@ConfigurationProperties("usercenter.one-tap")
record OneTapSettings(@DefaultValue("none") String provider, @DefaultValue Aliyun aliyun) {

	record Aliyun(@DefaultValue("https://dypnsapi.aliyuncs.com") String baseUrl, String accessKeyId,
			String accessKeySecret, @DefaultValue("2s") Duration connectTimeout,
			@DefaultValue("5s") Duration readTimeout) {
	}

}
