package com.usercenter.events;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Webhook deliveries ({@code usercenter.webhooks.*}).
 *
 * @param allowInsecureTargets accept {@code http} targets and loopback, private,
 * link-local and other non-public addresses: for tests and closed networks only
 * @param retryDelays the waits after each failed attempt; after the last one fails the
 * delivery is {@code failed}
 * @param pollInterval how often every instance looks for due deliveries when nothing woke
 * it sooner (a finished send, an admin's retry)
 * @param lease how long an instance holds a delivery it claimed; another instance takes
 * it over after that (a crash mid-send). Longer than {@code deadline}
 * @param connectTimeout the limit on opening the connection to a subscriber
 * @param deadline the limit on one whole attempt: connect, send, and the answer; a 2xx
 * within it is delivered
 * @param maxInFlight sends at once on this instance, over all subscriptions
 * @param perSubscription sends at once to one subscription on this instance (one per user
 * of it at most, by the ordering rule)
 * @param rotationOverlap how long a replaced secret keeps signing beside the new one
 */
@Validated
@ConfigurationProperties("usercenter.webhooks")
record WebhookSettings(@DefaultValue("false") boolean allowInsecureTargets,
		@DefaultValue("5s,5m,30m,2h,5h,10h,10h") @NotEmpty List<Duration> retryDelays,
		@DefaultValue("1s") Duration pollInterval, @DefaultValue("60s") Duration lease,
		@DefaultValue("5s") Duration connectTimeout, @DefaultValue("10s") Duration deadline,
		@DefaultValue("64") @Min(1) @Max(1024) int maxInFlight, @DefaultValue("4") @Min(1) @Max(64) int perSubscription,
		@DefaultValue("24h") Duration rotationOverlap) {

	WebhookSettings {
		if (lease.compareTo(deadline.plusSeconds(5)) < 0) {
			throw new IllegalArgumentException(
					"usercenter.webhooks.lease (" + lease + ") must be longer than the deadline (" + deadline + ")");
		}
	}

	/**
	 * The wait after the failed attempt number {@code attempts} (1 for the first), or
	 * null when that was the last.
	 */
	Duration delayAfter(int attempts) {
		return (attempts <= this.retryDelays.size()) ? this.retryDelays.get(attempts - 1) : null;
	}

}
