package com.usercenter.account;

import java.time.Duration;

import com.usercenter.limit.Limit;
import com.usercenter.limit.Limiter;
import com.usercenter.verification.CaptchaService;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The one place a password guess is checked: sign-in and every current-password proof
 * (password change, contact change, account deletion). Each guess is counted before it is
 * hashed, so of any number arriving together at most five per account per 15 minutes are
 * ever evaluated, on one instance or several; past that the account is locked (42300)
 * unless the guess comes with a solved captcha. An account that does not exist is counted
 * and locked the same way under the name it was asked by, and costs the same hash, so
 * neither answer nor timing tells which accounts exist. Callers call it outside any
 * transaction, so a failure later cannot un-count the guess.
 */
@Component
class PasswordGuard {

	static final Limit GUESSES = Limit.of("password", 5, Duration.ofMinutes(15));

	private final Limiter limiter;

	private final PasswordEncoder encoder;

	private final CaptchaService captchas;

	private final String placeholderHash;

	PasswordGuard(Limiter limiter, PasswordEncoder encoder, CaptchaService captchas) {
		this.limiter = limiter;
		this.encoder = encoder;
		this.captchas = captchas;
		this.placeholderHash = encoder.encode("unknown-account-placeholder");
	}

	/**
	 * Checks a guess against a stored hash (null when the account is unknown or has no
	 * password: always wrong, same cost).
	 * @param key who is guessed at: {@code user:<id>} or {@code account:<name as typed>}
	 * @return whether the password is right
	 * @throws AccountLocked when the account is locked and no captcha came with the guess
	 */
	boolean check(String key, String password, String storedHash, String captchaKey, String captchaCode) {
		var hit = this.limiter.hit(GUESSES, key);
		if (!hit.allowed()) {
			if (captchaKey == null || captchaCode == null) {
				throw new AccountLocked(hit.retryAfter());
			}
			this.captchas.check(captchaKey, captchaCode);
		}
		boolean right = this.encoder.matches(password, (storedHash != null) ? storedHash : this.placeholderHash)
				&& storedHash != null;
		if (right) {
			this.limiter.reset(GUESSES, key);
		}
		return right;
	}

	/**
	 * A password was set by other means (reset by code): earlier wrong guesses no longer
	 * count.
	 */
	void forgive(long userId) {
		this.limiter.reset(GUESSES, userKey(userId));
	}

	static String userKey(long userId) {
		return "user:" + userId;
	}

}
