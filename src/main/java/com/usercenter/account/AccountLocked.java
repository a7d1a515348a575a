package com.usercenter.account;

import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.RetryAfter;

/**
 * Too many wrong passwords for one account (known or not): 42300. Until the lock ends, a
 * password is only checked together with a solved captcha, so an attacker cannot keep the
 * owner out.
 */
class AccountLocked extends ApiException {

	AccountLocked(long retryAfter) {
		this(retryAfter, true);
	}

	/**
	 * @param captchaAccepted whether a solved captcha lets the next guess be checked (a
	 * password at sign-in: yes; a second-factor code: no)
	 */
	AccountLocked(long retryAfter, boolean captchaAccepted) {
		super(ErrorCode.ACCOUNT_LOCKED, new Lock(Math.max(1, retryAfter), captchaAccepted));
	}

	/**
	 * @param retryAfter seconds until the lock ends
	 * @param captchaAccepted a solved captcha ({@code captchaKey}, {@code captchaCode})
	 * lets a password be checked despite the lock
	 */
	record Lock(long retryAfter, boolean captchaAccepted) implements RetryAfter {
	}

}
