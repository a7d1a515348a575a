package com.usercenter.privacy;

import java.time.Instant;

import com.usercenter.account.HolderProof;
import com.usercenter.audit.AuditService;
import com.usercenter.audit.AuditType;
import com.usercenter.token.SessionService;
import com.usercenter.user.User;
import com.usercenter.user.UserService;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The owner asks to delete the account, with proof it holds it (its password, counted
 * against the sign-in lockout, or a verify ticket for its mobile or email): every session
 * ends at once, and the account is erased when the cooling-off period ends unless the
 * owner signs in again and cancels.
 */
@Service
class DeletionService {

	private final UserService users;

	private final HolderProof proof;

	private final SessionService sessions;

	private final AuditService audit;

	private final DeletionSettings settings;

	private final TransactionTemplate tx;

	DeletionService(UserService users, HolderProof proof, SessionService sessions, AuditService audit,
			DeletionSettings settings, PlatformTransactionManager transactions) {
		this.users = users;
		this.proof = proof;
		this.sessions = sessions;
		this.audit = audit;
		this.settings = settings;
		this.tx = new TransactionTemplate(transactions);
	}

	Instant request(long userId, String password, String ticket) {
		User user = this.users.get(userId);
		if (user.hasPassword() || user.getMobile() != null || user.getEmail() != null || password != null
				|| ticket != null) {
			// an account that has neither password nor contact (signed in only through a
			// partner or a social provider) is proven by its fresh token alone
			this.proof.prove(user, password, ticket);
		}
		return this.tx.execute((status) -> {
			Instant eraseAt = this.users.requestDeletion(userId, this.settings.coolingOff());
			int revoked = this.sessions.revokeAll(userId);
			this.audit.record(AuditType.DELETION_REQUESTED, userId, null,
					"erase at " + eraseAt + ", " + revoked + " sessions ended");
			return eraseAt;
		});
	}

	void cancel(long userId) {
		this.tx.executeWithoutResult((status) -> {
			if (this.users.get(userId).getEraseAt() != null) {
				this.users.cancelDeletion(userId);
				this.audit.record(AuditType.DELETION_CANCELLED, userId, null, null);
			}
		});
	}

}
