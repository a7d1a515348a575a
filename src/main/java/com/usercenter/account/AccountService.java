package com.usercenter.account;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.usercenter.account.PasswordGuard.Verdict;
import com.usercenter.account.SecondFactorGate.PendingSecondStep;
import com.usercenter.audit.AuditService;
import com.usercenter.audit.AuditType;
import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.web.ClientIp;
import com.usercenter.limit.Limit;
import com.usercenter.limit.Limiter;
import com.usercenter.profile.ProfileService;
import com.usercenter.token.IssuedTokens;
import com.usercenter.token.SessionRequest;
import com.usercenter.token.SessionService;
import com.usercenter.user.AccountDisabled;
import com.usercenter.user.Contact;
import com.usercenter.user.CreatedVia;
import com.usercenter.user.IdentityService;
import com.usercenter.user.Passwords;
import com.usercenter.user.UserContacts;
import com.usercenter.user.UserLifecycle;
import com.usercenter.user.UserNotFound;
import com.usercenter.user.UserView;
import com.usercenter.user.Users;
import com.usercenter.verification.CodeInvalid;
import com.usercenter.verification.Purpose;
import com.usercenter.verification.VerificationService;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sign-up, sign-in and password reset. The password policy is checked before a code is
 * used up, so a refused password leaves the code good; a wrong code stays counted.
 */
@Service
public class AccountService {

	/**
	 * One audit row per client address and window for sign-ins as accounts that do not
	 * exist.
	 */
	static final Limit UNKNOWN_ACCOUNTS_AUDITED = Limit.of("password-unknown-audited", 1, Duration.ofMinutes(15));

	private final Users users;

	private final UserContacts contacts;

	private final UserLifecycle lifecycle;

	private final SessionService sessions;

	private final ProfileService profiles;

	private final VerificationService verification;

	private final Passwords passwords;

	private final PasswordPolicy policy;

	private final PasswordGuard guard;

	private final AuditService audit;

	private final IdentityService identities;

	private final Limiter limiter;

	private final SecondFactorGate secondFactors;

	AccountService(Users users, UserContacts contacts, UserLifecycle lifecycle, SessionService sessions,
			ProfileService profiles, VerificationService verification, Passwords passwords, PasswordPolicy policy,
			PasswordGuard guard, AuditService audit, IdentityService identities, Limiter limiter,
			SecondFactorGate secondFactors) {
		this.secondFactors = secondFactors;
		this.limiter = limiter;
		this.identities = identities;
		this.users = users;
		this.contacts = contacts;
		this.lifecycle = lifecycle;
		this.sessions = sessions;
		this.profiles = profiles;
		this.verification = verification;
		this.passwords = passwords;
		this.policy = policy;
		this.guard = guard;
		this.audit = audit;
	}

	/**
	 * Password sign-in. Every guess goes through the {@link PasswordGuard}: counted
	 * before it is hashed, under the name typed and under the account, an unknown account
	 * counted and hashed like a known one. Failures for accounts that do not exist are
	 * audited once per client address and 15 minutes, so made-up names add no row each.
	 */
	LoginResult loginWithPassword(String account, String password, String captchaKey, String captchaCode) {
		UserView user = this.users.findByAccount(account).orElse(null);
		Verdict verdict = this.guard.checkSignIn(account, user, password, captchaKey, captchaCode);
		if (verdict != Verdict.RIGHT) {
			if (user == null) {
				unknownAccount();
			}
			else {
				failure(user.id(), switch (verdict) {
					case NOT_CHECKED -> "password: not checked, too many wrong passwords for the account";
					default -> user.hasPassword() ? "password: wrong password" : "password: account has no password";
				});
			}
			throw new ApiException(ErrorCode.BAD_CREDENTIALS);
		}
		if (!user.isActive()) {
			failure(user.id(), "password: account disabled");
			throw new AccountDisabled();
		}
		return signIn(user, "password", false, Amr.PASSWORD);
	}

	private void unknownAccount() {
		if (this.limiter.hit(UNKNOWN_ACCOUNTS_AUDITED, ClientIp.currentAddress()).allowed()) {
			failure(null, "password: unknown account (more from this address within 15 minutes are not recorded)");
		}
	}

	/**
	 * Creates an account. The code is checked before anything about existing accounts is
	 * looked at, so without the code the answer tells nothing; an account that holds the
	 * contact unproven (set by a partner or an admin) loses it to its proven owner.
	 */
	@Transactional(noRollbackFor = { CodeInvalid.class, SecondFactorRequired.class })
	public LoginResult register(Contact target, String password, String code, String ticket, String nickname) {
		this.policy.check(password);
		this.verification.consume(target, Purpose.REGISTER, code, ticket);
		reclaim(target);
		UserView user = this.lifecycle.createWithContact(target, password, nickname, CreatedVia.REGISTER);
		return signIn(user, "register", true, List.of(Amr.PASSWORD.get(0), Amr.proofOf(target)));
	}

	/**
	 * Signs in with a code sent to a mobile or email, creating the account when no
	 * account holds the contact as proven: the code proves the contact, not an account a
	 * partner or an admin put it on.
	 */
	@Transactional(noRollbackFor = { CodeInvalid.class, SecondFactorRequired.class })
	public LoginResult loginWithCode(Contact target, String code, String ticket) {
		try {
			this.verification.consume(target, Purpose.LOGIN, code, ticket);
		}
		catch (ApiException ex) {
			failure(null, "code: " + ex.errorCode().code() + " for " + target.masked());
			throw ex;
		}
		return signInProvenOwner(target, "code");
	}

	/**
	 * Signs in the proven owner of a mobile or email (a code, a carrier's one-tap
	 * answer): the account that holds it as proven, else a new one, taking the contact
	 * from an account that holds it unproven.
	 */
	@Transactional(noRollbackFor = SecondFactorRequired.class)
	public LoginResult signInProvenOwner(Contact target, String channel) {
		List<String> amr = "one_tap".equals(channel) ? Amr.CARRIER : List.of(Amr.proofOf(target));
		UserView existing = reclaim(target) ? null : this.contacts.holder(target).orElse(null);
		if (existing == null) {
			UserView created = this.lifecycle.createWithContact(target, null, null,
					"one_tap".equals(channel) ? CreatedVia.ONE_TAP : CreatedVia.CODE);
			return signIn(created, channel, true, amr);
		}
		if (!existing.isActive()) {
			failure(existing.id(), channel + ": account disabled");
			throw new AccountDisabled();
		}
		return signIn(existing, channel, false, amr);
	}

	/**
	 * Takes the contact from an account that holds it unproven; both accounts' trails say
	 * so.
	 * @return whether it was taken
	 */
	private boolean reclaim(Contact target) {
		return this.contacts.releaseUnproven(target).map((holder) -> {
			this.audit.record(AuditType.CONTACT_RECLAIMED, holder, null,
					"unproven " + target.masked() + " removed: its owner proved it");
			return true;
		}).orElse(false);
	}

	/**
	 * Sets a new password with a code or ticket and ends every session of the account.
	 * Only an account that holds the contact as proven can be reset by it.
	 */
	@Transactional(noRollbackFor = CodeInvalid.class)
	public void resetPassword(Contact target, String code, String ticket, String newPassword) {
		this.policy.check(newPassword);
		this.verification.consume(target, Purpose.RESET_PASSWORD, code, ticket);
		UserView user = this.contacts.holder(target)
			.filter((holder) -> holder.holdsVerified(target))
			.orElseThrow(UserNotFound::new);
		this.passwords.change(user.id(), newPassword);
		this.guard.forgive(user);
		int revoked = this.sessions.revokeAll(user.id());
		this.audit.record(AuditType.PASSWORD_RESET, user.id(), null, "via " + target.masked());
		this.audit.record(AuditType.TOKEN_REVOKED, user.id(), null, revoked + " sessions, password reset");
	}

	boolean exists(String type, String identity) {
		return switch (type) {
			case "mobile" -> this.contacts.taken(Contact.mobile(identity, "identity"));
			case "email" -> this.contacts.taken(Contact.email(identity, "identity"));
			case "username" -> this.users.usernameTaken(identity.trim().toLowerCase(Locale.ROOT));
			default -> this.identities.exists(type, identity.trim());
		};
	}

	/**
	 * Signs in a user who proved who they are some other way (social sign-in): a session,
	 * or, when the account has a second factor, 40106 with the token that finishes it.
	 * @param amr what the proof was (RFC 8176)
	 * @throws SecondFactorRequired when the account has a second factor; a transaction
	 * around this call should commit all the same ({@code noRollbackFor})
	 */
	public LoginResult signIn(UserView user, String channel, boolean created, List<String> amr) {
		if (!created) {
			Optional<PendingSecondStep> step = this.secondFactors.secondStep(user.id(), channel, created, amr);
			if (step.isPresent()) {
				this.audit.record(AuditType.LOGIN_SUCCESS, user.id(), null,
						channel + ": first step, second factor asked");
				throw new SecondFactorRequired(step.get());
			}
		}
		return startSession(user, channel, created, amr);
	}

	/**
	 * Finishes a sign-in whose second step was passed: the account must still be active.
	 * @param amr the methods of both steps
	 */
	public LoginResult finishSignIn(long userId, String channel, boolean created, List<String> amr) {
		UserView user = this.users.get(userId);
		if (!user.isActive()) {
			failure(userId, channel + ": account disabled before the second step");
			throw new AccountDisabled();
		}
		return startSession(user, channel, created, amr);
	}

	private LoginResult startSession(UserView user, String channel, boolean created, List<String> amr) {
		IssuedTokens tokens = this.sessions.start(SessionRequest.of(user.id(), user.roles(), channel, amr));
		this.audit.record(AuditType.LOGIN_SUCCESS, user.id(), null,
				channel + (created ? ", created" : "") + ((amr.contains("mfa")) ? ", with a second factor" : ""));
		return LoginResult.of(tokens, created, this.profiles.ownProfile(user));
	}

	private void failure(Long userId, String reason) {
		this.audit.recordFailure(AuditType.LOGIN_FAILURE, userId, null, reason);
	}

}
