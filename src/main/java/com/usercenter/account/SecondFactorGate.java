package com.usercenter.account;

import java.util.List;
import java.util.Optional;

/**
 * What sign-in and the sensitive changes ask of an account's second factors. Implemented
 * by the {@code mfa} module, which depends on this one; {@code account} knows second
 * factors only through this interface.
 */
public interface SecondFactorGate {

	/**
	 * The second step a sign-in must take, when the account has a second factor: a new
	 * single-use {@code mfaToken} remembering what the first step proved.
	 * @param userId the account that passed the first step
	 * @param channel how it signed in
	 * @param created whether the first step created the account
	 * @param amr the methods of the first step (RFC 8176)
	 * @return the pending step, or empty when the account has no second factor
	 */
	Optional<PendingSecondStep> secondStep(long userId, String channel, boolean created, List<String> amr);

	/**
	 * A code from the account's second factor (a TOTP or a recovery code) before a change
	 * that cannot be undone; nothing is asked of an account without one.
	 * @throws com.usercenter.core.ApiException 40000 when the code is missing, 40006 when
	 * it is wrong, 42300 when too many were wrong
	 */
	void stepUp(long userId, String code);

	/**
	 * The answer of 40106.
	 *
	 * @param mfaToken single use, for {@code POST /api/v1/auth/login/mfa}
	 * @param methods what the account can finish with: {@code totp},
	 * {@code recovery_code}, {@code passkey}
	 * @param expiresIn seconds the token stays good
	 */
	record PendingSecondStep(String mfaToken, List<String> methods, long expiresIn) {
	}

}
