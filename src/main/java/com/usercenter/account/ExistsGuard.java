package com.usercenter.account;

import java.time.Duration;

import com.usercenter.core.ApiException;
import com.usercenter.core.ClientIp;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.RateCounter;
import com.usercenter.verification.CaptchaService;
import com.usercenter.verification.VerificationSettings;

import org.springframework.stereotype.Component;

/**
 * Keeps {@code exists} from being used to enumerate accounts: past the hourly threshold
 * per client address, each look-up needs a solved captcha, as code sends do.
 */
@Component
class ExistsGuard {

	private final RateCounter counter;

	private final CaptchaService captchas;

	private final VerificationSettings settings;

	ExistsGuard(RateCounter counter, CaptchaService captchas, VerificationSettings settings) {
		this.counter = counter;
		this.captchas = captchas;
		this.settings = settings;
	}

	void pass(String captchaKey, String captchaCode) {
		RateCounter.Window window = this.counter.hit("exists", ClientIp.current(), Duration.ofHours(1));
		if (window.hits() <= this.settings.existsPerIpHour()) {
			return;
		}
		if (captchaKey == null || captchaCode == null) {
			throw new ApiException(ErrorCode.CAPTCHA_REQUIRED);
		}
		this.captchas.check(captchaKey, captchaCode);
	}

}
