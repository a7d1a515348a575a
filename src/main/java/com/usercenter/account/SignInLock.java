package com.usercenter.account;

import com.usercenter.limit.Hit;
import com.usercenter.limit.Limiter;
import com.usercenter.user.UserView;
import com.usercenter.user.Users;

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

	private final PasswordGuard guard;

	private final Users users;

	SignInLock(Limiter limiter, PasswordGuard guard, Users users) {
		this.limiter = limiter;
		this.guard = guard;
		this.users = users;
	}

	/**
	 * Counts one guess for the account, and under each of its names (username, mobile,
	 * email): whoever presents a second-factor code has passed the password step, so
	 * locking every name tells it nothing it did not know, and a password sign-in under
	 * any name answers 42300 once the codes are spent.
	 * @return how many guesses are left after this one
	 * @throws AccountLocked (42300) when the account's guesses are spent
	 */
	public int count(long userId) {
		Hit hit = this.limiter.hit(PasswordGuard.GUESSES, PasswordGuard.userKey(userId));
		if (!hit.allowed()) {
			throw new AccountLocked(hit.retryAfter(), false);
		}
		UserView user = this.users.get(userId);
		for (String name : new String[] { user.username(), user.mobile(), user.email() }) {
			if (name != null) {
				this.limiter.hit(PasswordGuard.GUESSES, PasswordGuard.nameKey(name));
			}
		}
		return Math.max(0, hit.max() - hit.hits());
	}

	/**
	 * A right code: the account's earlier wrong guesses no longer count, under the
	 * account or any of its names.
	 */
	public void forgive(long userId) {
		this.guard.forgive(this.users.get(userId));
	}

}
