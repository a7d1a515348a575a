package com.usercenter.account;

import java.time.Duration;
import java.util.Locale;

import com.usercenter.limit.Hit;
import com.usercenter.limit.Limit;
import com.usercenter.limit.Limiter;
import com.usercenter.user.Passwords;
import com.usercenter.user.PhoneNumber;
import com.usercenter.user.UserView;
import com.usercenter.verification.CaptchaService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * The one place a password guess is checked: sign-in and every current-password proof
 * (password change, contact change, account deletion). Each guess is counted before it is
 * hashed, so of any number arriving together at most five per account per 15 minutes are
 * ever evaluated, on one instance or several, whatever names of the account they came
 * under.
 * <p>
 * What a caller is told is keyed to what the caller named, never to an account it did not
 * name: sign-in counts every guess twice, under the name as typed ({@code account:...},
 * for accounts that exist and that do not alike) and under the account it resolves to
 * ({@code user:...}). Only the name's count is ever disclosed (42300 past five); when the
 * account's count is spent through another of its names, the guess is answered like a
 * wrong password, after the same hash against a placeholder, so five wrong passwords as a
 * username do not tell which mobile number is the same account. A current-password proof
 * names the account by its session and is told about the account. A solved captcha buys
 * one checked guess despite either lock. Callers call it outside any transaction, so a
 * failure later cannot un-count the guess. A made-up name costs one counter row, and the
 * {@link SignInGate} before sign-in bounds how many names one address or network can try.
 */
@Component
class PasswordGuard {

	static final Limit GUESSES = Limit.of("password", 5, Duration.ofMinutes(15));

	private final Limiter limiter;

	private final Passwords passwords;

	private final CaptchaService captchas;

	private final Counter hashes;

	PasswordGuard(Limiter limiter, Passwords passwords, CaptchaService captchas, MeterRegistry meters) {
		this.limiter = limiter;
		this.passwords = passwords;
		this.captchas = captchas;
		this.hashes = Counter.builder("usercenter.password.hashes")
			.description("Password guesses hashed (sign-in and current-password proofs), placeholders included")
			.register(meters);
	}

	/**
	 * Checks a sign-in guess.
	 * @param typed the name the caller signed in with, as typed
	 * @param user the account it resolves to, or null
	 * @param captchaKey with {@code captchaCode}: a captcha solved for a locked name
	 * @throws AccountLocked when the name typed is locked and no captcha came with the
	 * guess
	 */
	Verdict checkSignIn(String typed, UserView user, String password, String captchaKey, String captchaCode) {
		Hit name = this.limiter.hit(GUESSES, nameKey(typed));
		boolean solved = false;
		if (!name.allowed()) {
			if (captchaKey == null || captchaCode == null) {
				throw new AccountLocked(name.retryAfter());
			}
			this.captchas.check(captchaKey, captchaCode);
			solved = true;
		}
		boolean counted = (user == null) || this.limiter.hit(GUESSES, userKey(user.id())).allowed() || solved;
		Verdict verdict = evaluate(password, (user != null && counted) ? user.id() : null);
		if (verdict == Verdict.RIGHT) {
			forgive(user);
		}
		return counted ? verdict : Verdict.NOT_CHECKED;
	}

	/**
	 * Checks a current-password proof of the signed-in holder of {@code user}: counted
	 * against the account, whose lock the holder is told about.
	 * @throws AccountLocked when the account is locked
	 */
	boolean checkHolder(UserView user, String password) {
		Hit account = this.limiter.hit(GUESSES, userKey(user.id()));
		if (!account.allowed()) {
			throw new AccountLocked(account.retryAfter());
		}
		boolean right = evaluate(password, user.id()) == Verdict.RIGHT;
		if (right) {
			forgive(user);
		}
		return right;
	}

	/**
	 * The password is right, or was set by other means (reset by code): earlier wrong
	 * guesses no longer count, under the account or any of its names.
	 */
	void forgive(UserView user) {
		this.limiter.reset(GUESSES, userKey(user.id()));
		for (String name : new String[] { user.username(), user.mobile(), user.email() }) {
			if (name != null) {
				this.limiter.reset(GUESSES, nameKey(name));
			}
		}
	}

	/**
	 * Always one hash ({@link Passwords#matches}): against a placeholder when there is no
	 * account to check ({@code userId} null) or it has no password.
	 */
	private Verdict evaluate(String password, Long userId) {
		this.hashes.increment();
		return this.passwords.matches(userId, password) ? Verdict.RIGHT : Verdict.WRONG;
	}

	static String userKey(long userId) {
		return "user:" + userId;
	}

	/**
	 * A name spelled one way: a mobile in E.164, anything else trimmed and lower case.
	 */
	static String nameKey(String typed) {
		PhoneNumber mobile = PhoneNumber.parseOrNull(typed);
		return "account:" + ((mobile != null) ? mobile.e164() : typed.trim().toLowerCase(Locale.ROOT));
	}

	/** What became of a guess. */
	enum Verdict {

		/** The password is the account's. */
		RIGHT,

		/** It is not, or there is no account or no password to check it against. */
		WRONG,

		/**
		 * The account's guesses are spent under another of its names: hashed against the
		 * placeholder, answered as {@link #WRONG}.
		 */
		NOT_CHECKED

	}

}
