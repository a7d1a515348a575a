package com.usercenter.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records what changed (contract 9.1) in the transaction of the change: the event row and
 * one delivery row for each active subscription that wants it, in one statement. A change
 * rolled back leaves no event; a change committed has its deliveries waiting for any
 * instance's workers, which never hold the change's transaction. A subscription of a
 * tenant gets the event only when the tenant maps the user, with the {@code associatedId}
 * it has now, so a {@code user.erased} recorded before erasure deletes the mapping still
 * reaches it.
 */
@Service
public class Events {

	private static final String RECORD = """
			with event as (
			    insert into event_outbox (id, type, user_id, data, occurred_at)
			    values (?, ?, ?, ?::jsonb, ?)
			    returning seq
			)
			insert into webhook_delivery (subscription_id, event_seq, user_id, associated_id, next_attempt_at)
			select s.id, event.seq, ?, mapping.associated_id, ?
			from event
			cross join webhook_subscription s
			left join lateral (
			    select min(a.associated_id) as associated_id
			    from tenant_account a
			    where a.tenant_id = s.tenant_id and a.user_id = ?
			) mapping on true
			where s.status = 'active'
			  and s.events && array['*', ?]::text[]
			  and (s.tenant_id is null or mapping.associated_id is not null)
			""";

	private static final String RECORD_ALL = """
			with event as (
			    insert into event_outbox (id, type, user_id, data, occurred_at)
			    select gen_random_uuid(), ?, u.user_id, jsonb_build_object('userId', u.user_id) || ?::jsonb, ?
			    from unnest(?::bigint[]) with ordinality as u(user_id, n)
			    where exists (
			        select 1 from webhook_subscription w where w.status = 'active' and w.events && array['*', ?]::text[]
			    )
			    order by u.n
			    returning seq, user_id
			)
			insert into webhook_delivery (subscription_id, event_seq, user_id, associated_id, next_attempt_at)
			select s.id, event.seq, event.user_id, mapping.associated_id, ?
			from event
			cross join webhook_subscription s
			left join lateral (
			    select min(a.associated_id) as associated_id
			    from tenant_account a
			    where a.tenant_id = s.tenant_id and a.user_id = event.user_id
			) mapping on true
			where s.status = 'active'
			  and s.events && array['*', ?]::text[]
			  and (s.tenant_id is null or mapping.associated_id is not null)
			""";

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	private final Clock clock;

	Events(JdbcTemplate jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Records an event about a user in the caller's transaction.
	 * @param data the fields after {@code userId} (ids and names only, never contact
	 * values)
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void record(EventType type, long userId, Map<String, ?> data) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("userId", userId);
		body.putAll(data);
		Timestamp now = Timestamp.from(Instant.now(this.clock));
		this.jdbc.update(RECORD, UUID.randomUUID(), type.wireName(), userId, this.json.writeValueAsString(body), now,
				userId, now, userId, type.wireName());
	}

	/**
	 * Records one event of this type about each of these users (a batch of imported
	 * accounts), all with the same data beside their {@code userId}, and their
	 * deliveries, in one statement, in the order given; none when no active subscription
	 * takes the type, since no subscriber could ever see them: an import of a million
	 * accounts would otherwise write a million rows nobody reads (196 MB, and 14 of
	 * PostgreSQL's 83 ms a thousand lines in bench/RESULTS.md).
	 * @param data the fields after {@code userId} (ids and names only, never contact
	 * values)
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void recordAll(EventType type, long[] userIds, Map<String, ?> data) {
		if (userIds.length == 0) {
			return;
		}
		Timestamp now = Timestamp.from(Instant.now(this.clock));
		Long[] ids = new Long[userIds.length];
		for (int i = 0; i < userIds.length; i++) {
			ids[i] = userIds[i];
		}
		this.jdbc.execute((Connection connection) -> {
			try (PreparedStatement insert = connection.prepareStatement(RECORD_ALL)) {
				insert.setString(1, type.wireName());
				insert.setString(2, this.json.writeValueAsString(data));
				insert.setTimestamp(3, now);
				insert.setArray(4, connection.createArrayOf("bigint", ids));
				insert.setString(5, type.wireName());
				insert.setTimestamp(6, now);
				insert.setString(7, type.wireName());
				return insert.executeUpdate();
			}
		});
	}

	/** Records an event whose data is the user id alone. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void record(EventType type, long userId) {
		record(type, userId, Map.of());
	}

}
