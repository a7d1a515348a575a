package com.usercenter.verification;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of codes, tickets and captchas. They are enforced from rows in the database, so
 * every instance applies the same counts.
 *
 * @param captchaAfterPerIpHour code sends per client address per hour before a captcha is
 * required
 * @param codeTtl how long a code is good
 * @param resendInterval minimum time between two sends to one target for one purpose
 * @param dailyLimitPerTarget sends to one target in 24 hours
 * @param maxAttempts wrong tries before a code dies
 * @param ticketTtl how long a ticket is good
 * @param captchaTtl how long a captcha is good
 * @param existsPerIpHour account look-ups (exists, register) per client address per hour
 * before a captcha is required
 * @param captchaAfterPerNetworkHour code sends per client network (IPv4 /24, IPv6 /48)
 * per hour before a captcha is required, so one network's many addresses count together
 * @param existsPerNetworkHour the same for account look-ups
 * @param captchasPerIpMinute captcha images one client address may fetch per minute
 * @param allowedRegions the regions (ISO 3166 codes) whose mobile numbers may receive
 * codes
 */
@Validated
@ConfigurationProperties("usercenter.verification")
public record VerificationSettings(@DefaultValue("5") @Min(0) int captchaAfterPerIpHour,
		@DefaultValue("5m") Duration codeTtl, @DefaultValue("60s") Duration resendInterval,
		@DefaultValue("10") @Min(1) int dailyLimitPerTarget, @DefaultValue("5") @Min(1) int maxAttempts,
		@DefaultValue("10m") Duration ticketTtl, @DefaultValue("5m") Duration captchaTtl,
		@DefaultValue("30") @Min(0) int existsPerIpHour, @DefaultValue("20") @Min(0) int captchaAfterPerNetworkHour,
		@DefaultValue("100") @Min(0) int existsPerNetworkHour, @DefaultValue("20") @Min(1) int captchasPerIpMinute,
		@DefaultValue("CN") List<String> allowedRegions) {

}
