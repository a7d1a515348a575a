package com.usercenter.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import com.usercenter.account.HolderProof;
import com.usercenter.audit.AuditService;
import com.usercenter.audit.AuditType;
import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;
import com.usercenter.token.SessionService;
import com.usercenter.token.SignIn;
import com.usercenter.user.UserLifecycle;
import com.usercenter.user.UserView;
import com.usercenter.user.Users;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The owner asks to delete the account, with proof it holds it (its password, counted
 * against the sign-in lockout, or a verify ticket for its mobile or email): every session
 * ends at once, and the account is erased when the cooling-off period ends unless the
 * owner signs in again and cancels.
 * <p>
 * An account with neither a password nor a contact (signed in only through a partner or a
 * social provider) has nothing to prove but its sign-in: the session must have been
 * signed in (not refreshed, not resumed by a partner's soft login) within
 * {@code usercenter.deletion.fresh-sign-in} (10 minutes), by a tenant that is active now
 * (the token check refuses a disabled tenant's sessions). Such a deletion remembers the
 * partner whose sign-in proved it; cancelling needs a session signed in after the
 * request, and a partner's session may cancel only a deletion that partner's own sign-in
 * proved: a partner cannot cancel a deletion it could not have started (one the owner
 * proved with a password or code, or another partner, or one made while it was disabled).
 */
@Service
class DeletionService {

	private final Users users;

	private final UserLifecycle lifecycle;

	private final HolderProof proof;

	private final SessionService sessions;

	private final AuditService audit;

	private final DeletionSettings settings;

	private final TransactionTemplate tx;

	private final Clock clock;

	DeletionService(Users users, UserLifecycle lifecycle, HolderProof proof, SessionService sessions,
			AuditService audit, DeletionSettings settings, PlatformTransactionManager transactions, Clock clock) {
		this.clock = clock;
		this.users = users;
		this.lifecycle = lifecycle;
		this.proof = proof;
		this.sessions = sessions;
		this.audit = audit;
		this.settings = settings;
		this.tx = new TransactionTemplate(transactions);
	}

	Instant request(long userId, UUID sessionId, String password, String ticket, String mfaCode) {
		UserView user = this.users.get(userId);
		Long byTenant = null;
		if (user.hasPassword() || user.mobile() != null || user.email() != null || password != null || ticket != null) {
			this.proof.prove(user, password, ticket);
		}
		else {
			// an account that has neither password nor contact is proven by a fresh
			// sign-in
			SignIn signIn = signInOf(sessionId);
			if (signIn.at().isBefore(this.clock.instant().minus(this.settings.freshSignIn()))) {
				this.audit.recordFailure(AuditType.LOGIN_FAILURE, userId, signIn.tenantKey(),
						"holder proof: sign-in older than " + this.settings.freshSignIn());
				throw new ApiException(ErrorCode.BAD_CREDENTIALS);
			}
			byTenant = signIn.tenantId();
		}
		this.proof.stepUp(userId, mfaCode);
		Long provenBy = byTenant;
		return this.tx.execute((status) -> {
			Instant eraseAt = this.lifecycle.requestDeletion(userId, this.settings.coolingOff(), provenBy);
			int revoked = this.sessions.revokeAll(userId);
			this.audit.record(AuditType.DELETION_REQUESTED, userId, null,
					"erase at " + eraseAt + ", " + revoked + " sessions ended");
			return eraseAt;
		});
	}

	/**
	 * Cancels a pending deletion from a session signed in after it was requested; a
	 * partner's session only when that partner's sign-in proved the deletion (40300
	 * otherwise).
	 */
	void cancel(long userId, UUID sessionId) {
		this.tx.executeWithoutResult((status) -> {
			UserView.PendingDeletion pending = this.users.get(userId).deletion();
			if (pending == null) {
				return;
			}
			SignIn signIn = signInOf(sessionId);
			if (signIn.at().isBefore(pending.requestedAt())) {
				// the request ended every session signed in before it
				throw new ApiException(ErrorCode.TOKEN_EXPIRED);
			}
			if (signIn.byTenant() && !signIn.tenantId().equals(pending.byTenant())) {
				throw new ApiException(ErrorCode.FORBIDDEN);
			}
			this.lifecycle.cancelDeletion(userId);
			this.audit.record(AuditType.DELETION_CANCELLED, userId, signIn.tenantKey(), null);
		});
	}

	private SignIn signInOf(UUID sessionId) {
		return this.sessions.signInOf(sessionId).orElseThrow(() -> new ApiException(ErrorCode.TOKEN_EXPIRED));
	}

}
