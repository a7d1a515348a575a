package com.usercenter.account;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Admission of anonymous sign-ins ({@code usercenter.sign-in.*}): password, code and
 * social sign-ins and password resets, counted together per client address and per
 * network before any work (a hash, a provider call, a row). The defaults let a NAT'd
 * office of a few hundred people sign in at its busiest (sessions last 30 days, so a
 * person signs in anew rarely) and hold a flood from one address to one Argon2 hash every
 * two seconds.
 *
 * @param perIpMinute sign-ins one client address may start per minute (42900 past it)
 * @param perNetworkMinute the same for a whole client network (IPv4 /24, IPv6 /48), so
 * one party's many addresses count together
 */
@Validated
@ConfigurationProperties("usercenter.sign-in")
record SignInSettings(@DefaultValue("30") @Min(1) int perIpMinute, @DefaultValue("120") @Min(1) int perNetworkMinute) {

}
