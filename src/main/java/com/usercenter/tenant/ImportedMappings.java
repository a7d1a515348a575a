package com.usercenter.tenant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Partner mappings ({@code associatedId}) of accounts brought in from another system
 * (contract 9.2), a batch at a time, in the caller's transaction: a mapping written here
 * is the one {@code loginTenant} finds, as if the partner had signed the user in.
 */
@Service
public class ImportedMappings {

	private final JdbcTemplate jdbc;

	private final Clock clock;

	ImportedMappings(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * The ids of the tenants with these keys; a key no tenant has is not in the answer.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Map<String, Long> tenantIds(Collection<String> tenantKeys) {
		Map<String, Long> ids = new HashMap<>();
		if (!tenantKeys.isEmpty()) {
			this.jdbc.query("select tenant_key, id from tenant where tenant_key = any(?)", (ResultSet row) -> {
				ids.put(row.getString(1), row.getLong(2));
			}, (Object) tenantKeys.toArray(String[]::new));
		}
		return ids;
	}

	/**
	 * Which of these mappings ({@link Mapping#key()}) another account already has.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Set<String> taken(Collection<Mapping> mappings) {
		Set<String> taken = new HashSet<>();
		if (mappings.isEmpty()) {
			return taken;
		}
		this.jdbc.query("""
				select a.tenant_id || ':' || a.associated_id from tenant_account a
				join unnest(?::bigint[], ?::text[]) as k(tenant_id, associated_id)
				  on a.tenant_id = k.tenant_id and a.associated_id = k.associated_id
				""", (ResultSet row) -> {
			taken.add(row.getString(1));
		}, mappings.stream().map(Mapping::tenantId).toArray(Long[]::new),
				mappings.stream().map(Mapping::associatedId).toArray(String[]::new));
		return taken;
	}

	/**
	 * Writes the mappings in one statement; a taken one fails it
	 * ({@code uk_tenant_account}).
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void insert(List<Mapping> mappings, List<Long> userIds) {
		if (mappings.isEmpty()) {
			return;
		}
		this.jdbc.execute((Connection connection) -> {
			try (PreparedStatement insert = connection.prepareStatement("""
					insert into tenant_account (tenant_id, associated_id, user_id, created_at)
					select m.tenant_id, m.associated_id, m.user_id, ?::timestamptz
					from unnest(?::bigint[], ?::text[], ?::bigint[]) as m(tenant_id, associated_id, user_id)
					""")) {
				insert.setTimestamp(1, Timestamp.from(this.clock.instant()));
				insert.setArray(2,
						connection.createArrayOf("bigint", mappings.stream().map(Mapping::tenantId).toArray()));
				insert.setArray(3,
						connection.createArrayOf("text", mappings.stream().map(Mapping::associatedId).toArray()));
				insert.setArray(4, connection.createArrayOf("bigint", userIds.toArray()));
				return insert.executeUpdate();
			}
		});
	}

	/** An account's {@code associatedId} at one tenant. */
	public record Mapping(long tenantId, String associatedId) {

		/** How {@link #taken} names it. */
		public String key() {
			return this.tenantId + ":" + this.associatedId;
		}

	}

}
