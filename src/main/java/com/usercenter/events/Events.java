package com.usercenter.events;

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

	/** Records an event whose data is the user id alone. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void record(EventType type, long userId) {
		record(type, userId, Map.of());
	}

}
