package com.usercenter.passkey;

import com.usercenter.user.AccountErased;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * An erased account's passkeys, its user handle and its open ceremonies go with it, in
 * the erasing transaction.
 */
@Component
class PasskeyErasure {

	private final PasskeyStore store;

	private final Challenges challenges;

	PasskeyErasure(PasskeyStore store, Challenges challenges) {
		this.store = store;
		this.challenges = challenges;
	}

	@EventListener
	void on(AccountErased erased) {
		this.store.eraseAll(erased.userId());
		this.challenges.forget(erased.userId());
	}

}
