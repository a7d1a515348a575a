package com.usercenter.changes;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * PostgreSQL advisory locks: a named lock held until the transaction ends, on every
 * instance, for work that must not run twice at once for one key (two first sign-ins of
 * one identity, two first logins of one partner user) when there is no row to lock yet.
 */
@Component
public class AdvisoryLocks {

	private final JdbcClient jdbc;

	AdvisoryLocks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Waits for the lock on {@code key} and holds it until the current transaction ends.
	 */
	public void lockForTransaction(String key) {
		this.jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))").param("key", key).query().singleRow();
	}

}
