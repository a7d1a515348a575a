package com.usercenter.mfa;

import com.usercenter.user.AccountErased;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** An erased account's second factors go with it, in the erasure's transaction. */
@Component
class MfaErasure {

	private final SecondFactors factors;

	MfaErasure(SecondFactors factors) {
		this.factors = factors;
	}

	@EventListener
	void on(AccountErased erased) {
		this.factors.forget(erased.userId());
	}

}
