package com.usercenter.account;

import java.util.UUID;

import com.usercenter.audit.AuditService;
import com.usercenter.audit.AuditType;
import com.usercenter.token.SessionService;
import com.usercenter.user.Contact;
import com.usercenter.user.Passwords;
import com.usercenter.user.UserContacts;
import com.usercenter.user.UserView;
import com.usercenter.user.Users;
import com.usercenter.verification.CodeInvalid;
import com.usercenter.verification.Purpose;
import com.usercenter.verification.VerificationService;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A signed-in user changing its password, mobile or email. Who asks must prove it holds
 * the account (its password, or a {@code verify} ticket for its current mobile or email)
 * and, for a new contact, that it receives messages there (a {@code change_contact}
 * code).
 */
@Service
class CredentialService {

	private final Users users;

	private final UserContacts contacts;

	private final VerificationService verification;

	private final Passwords passwords;

	private final PasswordPolicy policy;

	private final SessionService sessions;

	private final AuditService audit;

	private final HolderProof proof;

	private final TransactionTemplate tx;

	CredentialService(Users users, UserContacts contacts, VerificationService verification, Passwords passwords,
			PasswordPolicy policy, SessionService sessions, AuditService audit, HolderProof proof,
			PlatformTransactionManager transactions) {
		this.contacts = contacts;
		this.proof = proof;
		this.tx = new TransactionTemplate(transactions);
		this.users = users;
		this.verification = verification;
		this.passwords = passwords;
		this.policy = policy;
		this.sessions = sessions;
		this.audit = audit;
	}

	/**
	 * Sets a new password and ends every other session of the account. A password proof
	 * is checked by the {@link PasswordGuard} before the transaction opens: counted
	 * against the same lockout as sign-in, and never rolled back.
	 */
	void changePassword(long userId, UUID currentSession, String oldPassword, String ticket, String newPassword,
			String mfaCode) {
		this.policy.check(newPassword);
		UserView user = this.users.get(userId);
		if (ticket == null) {
			this.proof.byPassword(user, oldPassword);
		}
		this.proof.stepUp(userId, mfaCode);
		inTransaction(() -> {
			if (ticket != null) {
				this.proof.byTicket(user, ticket);
			}
			this.passwords.change(userId, newPassword);
			int revoked = this.sessions.revokeAllExcept(userId, currentSession);
			this.audit.record(AuditType.PASSWORD_CHANGE, userId, null,
					(ticket != null) ? "with ticket" : "with password");
			this.audit.record(AuditType.TOKEN_REVOKED, userId, null, revoked + " other sessions, password change");
		});
	}

	/**
	 * Sets or replaces the mobile (or email) with a change_contact code sent to the new
	 * one. The code proves the contact: an account holding it unproven loses it.
	 */
	void changeContact(long userId, Contact target, String code, String password, String ticket, String mfaCode) {
		UserView user = this.users.get(userId);
		boolean needsProof = user.hasPassword() || user.mobile() != null || user.email() != null;
		if (needsProof && ticket == null) {
			this.proof.byPassword(user, password);
		}
		this.proof.stepUp(userId, mfaCode);
		inTransaction(() -> {
			if (needsProof && ticket != null) {
				this.proof.byTicket(user, ticket);
			}
			this.verification.consume(target, Purpose.CHANGE_CONTACT, code, null);
			// the account itself keeps it: it only becomes proven
			this.contacts.releaseUnproven(target, userId)
				.ifPresent((holder) -> this.audit.record(AuditType.CONTACT_RECLAIMED, holder, null,
						"unproven " + target.masked() + " removed: its owner proved it"));
			this.contacts.change(userId, target, true);
			this.audit.record(AuditType.CONTACT_CHANGE, userId, null, target.kind() + " " + target.masked());
		});
	}

	/**
	 * Runs the work in one transaction that commits also when a code was wrong, so the
	 * wrong try stays counted, and then reports the wrong code.
	 */
	private void inTransaction(Runnable work) {
		CodeInvalid wrong = this.tx.execute((status) -> {
			try {
				work.run();
				return null;
			}
			catch (CodeInvalid ex) {
				return ex;
			}
		});
		if (wrong != null) {
			throw wrong;
		}
	}

}
