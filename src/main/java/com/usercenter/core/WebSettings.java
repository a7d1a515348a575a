package com.usercenter.core;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * HTTP limits and cross-origin settings.
 *
 * @param maxBodySize largest JSON or form body accepted
 * @param maxMultipartSize largest multipart upload accepted
 * @param corsAllowedOrigins origins allowed to call the API from a browser; none by
 * default
 * @param bodyTimeout how long a request body may take to arrive in all
 * @param bodiesInFlightPerIp request bodies one client address may be sending at once
 */
@ConfigurationProperties("usercenter.web")
public record WebSettings(@DefaultValue("64KB") DataSize maxBodySize, @DefaultValue("3MB") DataSize maxMultipartSize,
		@DefaultValue List<String> corsAllowedOrigins, @DefaultValue("10s") Duration bodyTimeout,
		@DefaultValue("16") int bodiesInFlightPerIp) {

}
