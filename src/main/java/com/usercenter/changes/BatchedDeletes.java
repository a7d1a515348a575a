package com.usercenter.changes;

import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deletes what a cleanup job no longer needs in batches of {@value #BATCH} rows, each its
 * own statement and (called outside a transaction) its own commit: however much piled up
 * (a first run after a long stop, a busy month), no statement comes near the pool's 15 s
 * statement limit, holds locks for long or writes one huge burst of WAL, and what was
 * deleted stays deleted if the instance stops midway.
 */
@Component
public class BatchedDeletes {

	static final int BATCH = 10_000;

	private final JdbcClient jdbc;

	BatchedDeletes(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Deletes every row of {@code table} that matches {@code condition}; both are the
	 * caller's constants, never input, and the values go in {@code parameters}.
	 * @return how many rows were deleted
	 */
	public int delete(String table, String condition, Map<String, ?> parameters) {
		String sql = "delete from " + table + " where ctid = any(array(select ctid from " + table + " where "
				+ condition + " limit " + BATCH + "))";
		int total = 0;
		int deleted;
		do {
			deleted = this.jdbc.sql(sql).params(parameters).update();
			total += deleted;
		}
		while (deleted == BATCH);
		return total;
	}

}
