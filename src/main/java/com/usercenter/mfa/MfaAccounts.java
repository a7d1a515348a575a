package com.usercenter.mfa;

import java.util.List;

import com.usercenter.account.HolderProof;
import com.usercenter.mfa.SecondFactors.Enrolment;
import com.usercenter.user.Email;
import com.usercenter.user.PhoneNumber;
import com.usercenter.user.UserView;
import com.usercenter.user.Users;

import org.springframework.stereotype.Component;

/**
 * Second factors as the signed-in holder of an account sees them: what it has, and an
 * enrolment started with the proof a password change asks.
 */
@Component
class MfaAccounts {

	private final SecondFactors factors;

	private final Users users;

	private final HolderProof proof;

	MfaAccounts(SecondFactors factors, Users users, HolderProof proof) {
		this.factors = factors;
		this.users = users;
		this.proof = proof;
	}

	MfaStatus status(long userId) {
		return this.factors.status(userId);
	}

	/**
	 * Proof first (an account with neither a password nor a contact has nothing to prove
	 * it with, as for a contact change), then a new secret.
	 */
	Enrolment startTotp(long userId, String password, String ticket) {
		UserView user = this.users.get(userId);
		if (user.hasPassword() || user.mobile() != null || user.email() != null) {
			this.proof.prove(user, password, ticket);
		}
		return this.factors.startTotp(userId, label(user));
	}

	/** How authenticator apps list the account: never a whole mobile number or email. */
	private static String label(UserView user) {
		if (user.username() != null) {
			return user.username();
		}
		if (user.mobile() != null) {
			return new PhoneNumber(user.mobile()).masked();
		}
		if (user.email() != null) {
			return new Email(user.email()).masked();
		}
		return "user " + user.id();
	}

}
