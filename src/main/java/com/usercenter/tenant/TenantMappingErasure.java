package com.usercenter.tenant;

import com.usercenter.user.AccountErased;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * An erased account's partner mappings go with it: the partner's associatedId is free, so
 * {@code notCreate} answers 40401 and a plain login makes a new user.
 */
@Component
class TenantMappingErasure {

	private final JdbcClient jdbc;

	TenantMappingErasure(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(AccountErased erased) {
		this.jdbc.sql("delete from tenant_account where user_id = :id").param("id", erased.userId()).update();
	}

}
