package com.usercenter.imports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The external ids already imported ({@code user_import}), by which a line sent again is
 * skipped; they outlive the accounts they made, so an erased person is not brought back
 * by the same file.
 */
@Repository
class ImportRecords {

	private final JdbcTemplate jdbc;

	private final Clock clock;

	ImportRecords(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Which of these external ids were imported before. */
	Set<String> imported(Collection<String> externalIds) {
		Set<String> found = new HashSet<>();
		if (!externalIds.isEmpty()) {
			this.jdbc.query("select external_id from user_import where external_id = any(?)", (ResultSet row) -> {
				found.add(row.getString(1));
			}, (Object) externalIds.toArray(String[]::new));
		}
		return found;
	}

	/** Records the external ids of a batch with the accounts they became. */
	void record(List<String> externalIds, long[] userIds) {
		this.jdbc.execute((Connection connection) -> {
			try (PreparedStatement insert = connection.prepareStatement(
					"""
							insert into user_import (external_id, user_id, imported_at)
							select r.external_id, r.user_id, ?::timestamptz from unnest(?::text[], ?::bigint[]) as r(external_id, user_id)
							""")) {
				Long[] ids = new Long[userIds.length];
				for (int i = 0; i < ids.length; i++) {
					ids[i] = userIds[i];
				}
				insert.setTimestamp(1, Timestamp.from(this.clock.instant()));
				insert.setArray(2, connection.createArrayOf("text", externalIds.toArray()));
				insert.setArray(3, connection.createArrayOf("bigint", ids));
				return insert.executeUpdate();
			}
		});
	}

}
