package com.usercenter.account;

import com.usercenter.audit.AuditService;
import com.usercenter.audit.AuditType;
import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;
import com.usercenter.user.Contact;
import com.usercenter.user.Email;
import com.usercenter.user.PhoneNumber;
import com.usercenter.user.UserView;
import com.usercenter.verification.Purpose;
import com.usercenter.verification.VerificationService;

import org.springframework.stereotype.Service;

/**
 * That the caller holds an account it is signed in to, before something that cannot be
 * undone (a new password, a new contact, deleting the account): its password, checked by
 * the {@link PasswordGuard} (counted against sign-in's lockout, outside any transaction),
 * or a {@code verify} ticket for its current mobile or email.
 */
@Service
public class HolderProof {

	private final PasswordGuard guard;

	private final VerificationService verification;

	private final AuditService audit;

	private final SecondFactorGate secondFactors;

	HolderProof(PasswordGuard guard, VerificationService verification, AuditService audit,
			SecondFactorGate secondFactors) {
		this.secondFactors = secondFactors;
		this.guard = guard;
		this.verification = verification;
		this.audit = audit;
	}

	/**
	 * Proof by password or by ticket, whichever is given (the password when both are).
	 */
	public void prove(UserView user, String password, String ticket) {
		if (password != null || ticket == null) {
			byPassword(user, password);
		}
		else {
			byTicket(user, ticket);
		}
	}

	/**
	 * Step-up: for an account with a second factor, a code from it (a TOTP or recovery
	 * code, counted with wrong passwords against the account's lock); nothing for an
	 * account without one. Asked before a password or contact change, a deletion request
	 * and the factor's own removal.
	 */
	public void stepUp(long userId, String mfaCode) {
		this.secondFactors.stepUp(userId, mfaCode);
	}

	/** The caller knows the account's password; counted like a sign-in guess. */
	void byPassword(UserView user, String password) {
		if (password == null || !this.guard.checkHolder(user, password)) {
			this.audit.recordFailure(AuditType.LOGIN_FAILURE, user.id(), null, "holder proof: wrong password");
			throw new ApiException(ErrorCode.BAD_CREDENTIALS);
		}
	}

	/**
	 * The caller holds a verify ticket for the account's current mobile or email; it is
	 * used up (in the caller's transaction, if there is one).
	 */
	void byTicket(UserView user, String ticket) {
		this.verification.consume(currentContactOf(user, ticket), Purpose.VERIFY, null, ticket);
	}

	/**
	 * Which current contact the ticket was issued for: the mobile first, then the email.
	 */
	private Contact currentContactOf(UserView user, String ticket) {
		if (user.mobile() != null && this.verification.ticketFits(ticket, user.mobile(), Purpose.VERIFY)) {
			return new PhoneNumber(user.mobile());
		}
		if (user.email() != null) {
			return new Email(user.email());
		}
		throw new ApiException(ErrorCode.TICKET_INVALID);
	}

}
