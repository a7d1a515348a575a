package com.usercenter.account;

import java.util.Locale;

import com.usercenter.audit.AuditService;
import com.usercenter.audit.AuditType;
import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.RetryAfter;
import com.usercenter.profile.ProfileService;
import com.usercenter.token.IssuedTokens;
import com.usercenter.token.SessionRequest;
import com.usercenter.token.SessionService;
import com.usercenter.user.AccountDisabled;
import com.usercenter.user.EmailAlreadyInUse;
import com.usercenter.user.IdentityService;
import com.usercenter.user.MobileAlreadyInUse;
import com.usercenter.user.User;
import com.usercenter.user.UserNotFound;
import com.usercenter.user.UserService;
import com.usercenter.verification.CodeInvalid;
import com.usercenter.verification.Purpose;
import com.usercenter.verification.Target;
import com.usercenter.verification.VerificationService;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sign-up, sign-in and password reset. Checks that cost nothing (policy, duplicates) run
 * before a code is used up, so a refused request leaves the code good; a wrong code stays
 * counted.
 */
@Service
public class AccountService {

	private final UserService users;

	private final SessionService sessions;

	private final ProfileService profiles;

	private final VerificationService verification;

	private final PasswordEncoder passwords;

	private final PasswordPolicy policy;

	private final PasswordLockout lockout;

	private final AuditService audit;

	private final IdentityService identities;

	private final String unknownAccountHash;

	AccountService(UserService users, SessionService sessions, ProfileService profiles,
			VerificationService verification, PasswordEncoder passwords, PasswordPolicy policy, PasswordLockout lockout,
			AuditService audit, IdentityService identities) {
		this.identities = identities;
		this.users = users;
		this.sessions = sessions;
		this.profiles = profiles;
		this.verification = verification;
		this.passwords = passwords;
		this.policy = policy;
		this.lockout = lockout;
		this.audit = audit;
		this.unknownAccountHash = passwords.encode("unknown-account-placeholder");
	}

	/**
	 * Password sign-in. An unknown account costs the same hash as a wrong password, so
	 * timing does not tell which accounts exist; a locked account is refused before its
	 * password is checked.
	 */
	LoginResult loginWithPassword(String account, String password) {
		User user = this.users.findByAccount(account).orElse(null);
		if (user == null || !user.hasPassword()) {
			this.passwords.matches(password, this.unknownAccountHash);
			failure((user != null) ? user.getId() : null, "password: unknown account");
			throw new ApiException(ErrorCode.BAD_CREDENTIALS);
		}
		Long lockedFor = this.lockout.lockedFor(user.getId()).orElse(null);
		if (lockedFor != null) {
			failure(user.getId(), "password: locked");
			throw new ApiException(ErrorCode.ACCOUNT_LOCKED, new RetryAfter(lockedFor));
		}
		if (!this.passwords.matches(password, user.getPasswordHash())) {
			this.lockout.recordFailure(user.getId());
			failure(user.getId(), "password: wrong password");
			throw new ApiException(ErrorCode.BAD_CREDENTIALS);
		}
		if (!user.isActive()) {
			failure(user.getId(), "password: account disabled");
			throw new AccountDisabled();
		}
		this.lockout.clear(user.getId());
		return signIn(user, "password", false);
	}

	@Transactional(noRollbackFor = CodeInvalid.class)
	public LoginResult register(Target target, String password, String code, String ticket, String nickname) {
		this.policy.check(password);
		if (target.email() ? this.users.emailTaken(target.emailAddress()) : this.users.mobileTaken(target.mobile())) {
			throw target.email() ? new EmailAlreadyInUse() : new MobileAlreadyInUse();
		}
		this.verification.consume(target, Purpose.REGISTER, code, ticket);
		User user = this.users.createWithContact(target.mobile(), target.emailAddress(),
				this.passwords.encode(password), nickname);
		return signIn(user, "register", true);
	}

	/**
	 * Signs in with a code sent to a mobile or email, creating the account when there is
	 * none.
	 */
	@Transactional(noRollbackFor = CodeInvalid.class)
	public LoginResult loginWithCode(Target target, String code, String ticket) {
		try {
			this.verification.consume(target, Purpose.LOGIN, code, ticket);
		}
		catch (ApiException ex) {
			failure(null, "code: " + ex.errorCode().code() + " for " + target.masked());
			throw ex;
		}
		User existing = (target.email() ? this.users.findByEmail(target.emailAddress())
				: this.users.findByMobile(target.mobile()))
			.orElse(null);
		if (existing == null) {
			User created = this.users.createWithContact(target.mobile(), target.emailAddress(), null, null);
			return signIn(created, "code", true);
		}
		if (!existing.isActive()) {
			failure(existing.getId(), "code: account disabled");
			throw new AccountDisabled();
		}
		return signIn(existing, "code", false);
	}

	/**
	 * Sets a new password with a code or ticket and ends every session of the account.
	 */
	@Transactional(noRollbackFor = CodeInvalid.class)
	public void resetPassword(Target target, String code, String ticket, String newPassword) {
		this.policy.check(newPassword);
		this.verification.consume(target, Purpose.RESET_PASSWORD, code, ticket);
		User user = (target.email() ? this.users.findByEmail(target.emailAddress())
				: this.users.findByMobile(target.mobile()))
			.orElseThrow(UserNotFound::new);
		this.users.changePasswordHash(user.getId(), this.passwords.encode(newPassword));
		this.lockout.clear(user.getId());
		int revoked = this.sessions.revokeAll(user.getId());
		this.audit.record(AuditType.PASSWORD_RESET, user.getId(), null, "via " + target.masked());
		this.audit.record(AuditType.TOKEN_REVOKED, user.getId(), null, revoked + " sessions, password reset");
	}

	boolean exists(String type, String identity) {
		return switch (type) {
			case "mobile" -> this.users.mobileTaken(Target.parse(identity, "identity").mobileOrInvalid());
			case "email" -> this.users.emailTaken(Target.parse(identity, "identity").emailOrInvalid());
			case "username" -> this.users.usernameTaken(identity.trim().toLowerCase(Locale.ROOT));
			default -> this.identities.exists(type, identity.trim());
		};
	}

	/**
	 * Starts a session for a user who proved who they are some other way (social
	 * sign-in).
	 */
	public LoginResult signIn(User user, String channel, boolean created) {
		IssuedTokens tokens = this.sessions.start(SessionRequest.of(user.getId(), user.roles(), channel));
		this.audit.record(AuditType.LOGIN_SUCCESS, user.getId(), null, channel + (created ? ", created" : ""));
		return LoginResult.of(tokens, created, this.profiles.ownProfile(user));
	}

	private void failure(Long userId, String reason) {
		this.audit.recordFailure(AuditType.LOGIN_FAILURE, userId, null, reason);
	}

}
