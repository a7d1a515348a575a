package com.usercenter.verification;

import java.time.Duration;

import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.web.ClientIp;
import com.usercenter.limit.Limit;
import com.usercenter.limit.Limiter;

import org.springframework.stereotype.Component;

/**
 * The one rule for "past a threshold per client, solve a captcha first": every request is
 * counted against its client address and against the address's network (as
 * {@link ClientIp} counts them: an IPv6 /64 is one address, a /48 one network), so one
 * network's many addresses count together; past either threshold the request needs a
 * captcha (42800 without one, 40003 for a wrong one). A request whose address is unknown
 * is counted under "unknown", never let through uncounted.
 */
@Component
public class CaptchaGate {

	private final Limiter limiter;

	private final CaptchaService captchas;

	private final VerificationSettings settings;

	CaptchaGate(Limiter limiter, CaptchaService captchas, VerificationSettings settings) {
		this.limiter = limiter;
		this.captchas = captchas;
		this.settings = settings;
	}

	/** Code sends, and what costs as much at a provider (a one-tap number look-up). */
	public void passSend(String captchaKey, String captchaCode) {
		pass("send-ip", this.settings.captchaAfterPerIpHour(), "send-net", this.settings.captchaAfterPerNetworkHour(),
				captchaKey, captchaCode);
	}

	/** Anything whose answer can tell whether an account exists: exists, register. */
	public void passLookup(String captchaKey, String captchaCode) {
		pass("lookup-ip", this.settings.existsPerIpHour(), "lookup-net", this.settings.existsPerNetworkHour(),
				captchaKey, captchaCode);
	}

	private void pass(String ipLimit, int perIp, String netLimit, int perNetwork, String captchaKey,
			String captchaCode) {
		boolean busy = !this.limiter.hit(Limit.of(ipLimit, perIp, Duration.ofHours(1)), ClientIp.currentAddress())
			.allowed();
		busy |= !this.limiter.hit(Limit.of(netLimit, perNetwork, Duration.ofHours(1)), ClientIp.currentNetwork())
			.allowed();
		if (!busy) {
			return;
		}
		if (captchaKey == null || captchaCode == null) {
			throw new ApiException(ErrorCode.CAPTCHA_REQUIRED);
		}
		this.captchas.check(captchaKey, captchaCode);
	}

}
