package com.usercenter.account;

import java.util.UUID;

import com.usercenter.audit.AuditService;
import com.usercenter.audit.AuditType;
import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;
import com.usercenter.token.SessionService;
import com.usercenter.user.User;
import com.usercenter.user.UserService;
import com.usercenter.verification.CodeInvalid;
import com.usercenter.verification.Purpose;
import com.usercenter.verification.Target;
import com.usercenter.verification.VerificationService;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A signed-in user changing its password, mobile or email. Who asks must prove it holds
 * the account (its password, or a {@code verify} ticket for its current mobile or email)
 * and, for a new contact, that it receives messages there (a {@code change_contact}
 * code).
 */
@Service
class CredentialService {

	private final UserService users;

	private final VerificationService verification;

	private final PasswordEncoder passwords;

	private final PasswordPolicy policy;

	private final SessionService sessions;

	private final AuditService audit;

	CredentialService(UserService users, VerificationService verification, PasswordEncoder passwords,
			PasswordPolicy policy, SessionService sessions, AuditService audit) {
		this.users = users;
		this.verification = verification;
		this.passwords = passwords;
		this.policy = policy;
		this.sessions = sessions;
		this.audit = audit;
	}

	/** Sets a new password and ends every other session of the account. */
	@Transactional(noRollbackFor = CodeInvalid.class)
	void changePassword(long userId, UUID currentSession, String oldPassword, String ticket, String newPassword) {
		this.policy.check(newPassword);
		User user = this.users.get(userId);
		proveHolder(user, oldPassword, ticket);
		this.users.changePasswordHash(userId, this.passwords.encode(newPassword));
		int revoked = this.sessions.revokeAllExcept(userId, currentSession);
		this.audit.record(AuditType.PASSWORD_CHANGE, userId, null, (ticket != null) ? "with ticket" : "with password");
		this.audit.record(AuditType.TOKEN_REVOKED, userId, null, revoked + " other sessions, password change");
	}

	/**
	 * Sets or replaces the mobile (or email) with a change_contact code sent to the new
	 * one.
	 */
	@Transactional(noRollbackFor = CodeInvalid.class)
	void changeContact(long userId, Target target, String code, String password, String ticket) {
		User user = this.users.get(userId);
		if (user.hasPassword() || user.getMobile() != null || user.getEmail() != null) {
			proveHolder(user, password, ticket);
		}
		if (target.email() ? this.users.emailTaken(target.emailAddress()) && !target.value().equals(user.getEmail())
				: this.users.mobileTaken(target.mobile()) && !target.value().equals(user.getMobile())) {
			throw target.email() ? new com.usercenter.user.EmailAlreadyInUse()
					: new com.usercenter.user.MobileAlreadyInUse();
		}
		this.verification.consume(target, Purpose.CHANGE_CONTACT, code, null);
		if (target.email()) {
			this.users.changeEmail(userId, target.emailAddress());
		}
		else {
			this.users.changeMobile(userId, target.mobile());
		}
		this.audit.record(AuditType.CONTACT_CHANGE, userId, null,
				(target.email() ? "email " : "mobile ") + target.masked());
	}

	/**
	 * The caller holds the account: by its password, or by a verify ticket for its
	 * current mobile or email.
	 */
	private void proveHolder(User user, String password, String ticket) {
		if (ticket != null) {
			Target current = currentContactOf(user, ticket);
			this.verification.consume(current, Purpose.VERIFY, null, ticket);
			return;
		}
		if (password == null || !user.hasPassword() || !this.passwords.matches(password, user.getPasswordHash())) {
			this.audit.recordFailure(AuditType.LOGIN_FAILURE, user.getId(), null, "credential change: wrong password");
			throw new ApiException(ErrorCode.BAD_CREDENTIALS);
		}
	}

	/**
	 * Which current contact the ticket was issued for: the mobile first, then the email.
	 */
	private Target currentContactOf(User user, String ticket) {
		if (user.getMobile() != null && this.verification.ticketFits(ticket, user.getMobile(), Purpose.VERIFY)) {
			return Target.parse(user.getMobile(), "ticket");
		}
		if (user.getEmail() != null) {
			return Target.parse(user.getEmail(), "ticket");
		}
		throw new ApiException(ErrorCode.TICKET_INVALID);
	}

}
