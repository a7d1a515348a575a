package com.usercenter.account;

import com.usercenter.account.SecondFactorGate.PendingSecondStep;
import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.ErrorData;

/**
 * 40106: the first step of a sign-in was right and the account has a second factor; the
 * answer carries the {@code mfaToken} that finishes it. The transaction of the first step
 * commits (a code it used stays used).
 */
public class SecondFactorRequired extends ApiException {

	SecondFactorRequired(PendingSecondStep step) {
		super(ErrorCode.SECOND_FACTOR_REQUIRED, new Step(step.mfaToken(), step.methods(), step.expiresIn()));
	}

	/** The data of 40106, as the contract spells it. */
	public record Step(String mfaToken, java.util.List<String> methods, long expiresIn) implements ErrorData {
	}

}
