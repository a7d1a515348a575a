package com.usercenter.verification;

import java.util.ArrayList;
import java.util.List;

import com.usercenter.limit.Limiter;
import com.usercenter.user.AccountErased;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * An erased account's contacts leave verification at once: its codes and tickets (which
 * name the contact as their target) and the send counts kept for it, rather than at the
 * next sweep or when the counts' windows end.
 */
@Component
class VerificationErasure {

	private final JdbcClient jdbc;

	private final Limiter limiter;

	VerificationErasure(JdbcClient jdbc, Limiter limiter) {
		this.jdbc = jdbc;
		this.limiter = limiter;
	}

	@EventListener
	void on(AccountErased erased) {
		List<String> contacts = new ArrayList<>();
		if (erased.mobile() != null) {
			contacts.add(erased.mobile());
		}
		if (erased.email() != null) {
			contacts.add(erased.email());
		}
		for (String contact : contacts) {
			this.jdbc.sql("delete from verification_code where target = :target").param("target", contact).update();
			this.jdbc.sql("delete from verification_ticket where target = :target").param("target", contact).update();
			this.limiter.forget(VerificationService.dailyKey(contact));
			for (Purpose purpose : Purpose.values()) {
				this.limiter.forget(VerificationService.resendKey(contact, purpose));
			}
		}
	}

}
