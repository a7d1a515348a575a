package com.usercenter.account;

import java.time.Duration;
import java.util.function.Supplier;

import com.usercenter.core.web.ClientIp;
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
	 * Runs one anonymous sign-in if its address and network are under their limits:
	 * counted before the work (so a burst cannot pass a check made before any of it was
	 * counted), and given back when it succeeds, so what the limits hold is failures: a
	 * flood of made-up or wrong credentials, never an office (or a carrier's NAT) full of
	 * people signing in.
	 * @throws com.usercenter.core.TooManyRequests past the address's or the network's
	 * limit
	 */
	public <T> T admit(Supplier<T> signIn) {
		String address = ClientIp.currentAddress();
		String network = ClientIp.currentNetwork();
		Limit perAddress = Limit.of("sign-in-ip", this.settings.perIpMinute(), MINUTE);
		Limit perNetwork = Limit.of("sign-in-net", this.settings.perNetworkMinute(), MINUTE);
		this.limiter.take(perAddress, address);
		try {
			this.limiter.take(perNetwork, network);
		}
		catch (RuntimeException refused) {
			this.limiter.refund(perAddress, address);
			throw refused;
		}
		try {
			T result = signIn.get();
			this.limiter.refund(perAddress, address);
			this.limiter.refund(perNetwork, network);
			return result;
		}
		catch (SecondFactorRequired firstStepRight) {
			// not a failure: the credentials were right, the second step follows
			this.limiter.refund(perAddress, address);
			this.limiter.refund(perNetwork, network);
			throw firstStepRight;
		}
	}

	/** {@link #admit(Supplier)} for a sign-in step that answers nothing. */
	public void admit(Runnable signIn) {
		admit(() -> {
			signIn.run();
			return null;
		});
	}

}
