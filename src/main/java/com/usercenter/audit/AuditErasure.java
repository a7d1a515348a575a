package com.usercenter.audit;

import com.usercenter.user.AccountErased;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * An erased account's audit events keep their type, time and tenant, so the trail still
 * adds up; what they said about the person (masked contacts in the detail, the client
 * address) goes. The erasure itself is recorded.
 */
@Component
class AuditErasure {

	private final JdbcClient jdbc;

	private final AuditService audit;

	AuditErasure(JdbcClient jdbc, AuditService audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	@EventListener
	void on(AccountErased erased) {
		this.jdbc.sql("update audit_event set detail = null, ip = null where user_id = :id")
			.param("id", erased.userId())
			.update();
		this.audit.record(AuditType.ACCOUNT_ERASED, erased.userId(), null, null);
	}

}
