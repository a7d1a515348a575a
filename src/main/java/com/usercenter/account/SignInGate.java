package com.usercenter.account;

import java.time.Duration;

import com.usercenter.core.ClientIp;
import com.usercenter.limit.Limit;
import com.usercenter.limit.Limiter;

import org.springframework.stereotype.Component;

/**
 * The one admission rule for anonymous sign-ins (password, code, social, password reset):
 * each is counted against its client address and the address's network before anything
 * costly happens, and past either count answers 42900 with {@code Retry-After}, so a
 * flood of made-up account names costs a bounded number of hashes, provider calls and
 * rows per address. A request whose address is unknown is counted under "unknown", never
 * let through uncounted.
 */
@Component
public class SignInGate {

	private static final Duration MINUTE = Duration.ofMinutes(1);

	private final Limiter limiter;

	private final SignInSettings settings;

	SignInGate(Limiter limiter, SignInSettings settings) {
		this.limiter = limiter;
		this.settings = settings;
	}

	/**
	 * Counts one anonymous sign-in attempt.
	 * @throws com.usercenter.core.TooManyRequests past the address's or the network's
	 * limit
	 */
	public void admit() {
		this.limiter.take(Limit.of("sign-in-ip", this.settings.perIpMinute(), MINUTE), ClientIp.currentAddress());
		this.limiter.take(Limit.of("sign-in-net", this.settings.perNetworkMinute(), MINUTE), ClientIp.currentNetwork());
	}

}
