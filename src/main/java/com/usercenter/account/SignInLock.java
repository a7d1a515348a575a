package com.usercenter.account;

import com.usercenter.limit.Hit;
import com.usercenter.limit.Limiter;

import org.springframework.stereotype.Component;

/**
 * The account's sign-in lock as other factors than the password see it: a second-factor
 * code is a guess like a password, counted under the same account key before it is
 * evaluated, so five wrong passwords and codes together lock sign-in (42300) and of any
 * number arriving at once at most five are evaluated.
 */
@Component
public class SignInLock {

	private final Limiter limiter;

	SignInLock(Limiter limiter) {
		this.limiter = limiter;
	}

	/**
	 * Counts one guess for the account.
	 * @return how many guesses are left after this one
	 * @throws AccountLocked (42300) when the account's guesses are spent
	 */
	public int count(long userId) {
		Hit hit = this.limiter.hit(PasswordGuard.GUESSES, PasswordGuard.userKey(userId));
		if (!hit.allowed()) {
			throw new AccountLocked(hit.retryAfter(), false);
		}
		return Math.max(0, hit.max() - hit.hits());
	}

	/** A right code: the account's earlier wrong guesses no longer count. */
	public void forgive(long userId) {
		this.limiter.reset(PasswordGuard.GUESSES, PasswordGuard.userKey(userId));
	}

}
