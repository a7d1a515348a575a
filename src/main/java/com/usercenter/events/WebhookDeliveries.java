package com.usercenter.events;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.PageResult;

import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The delivery rows: claimed by the workers of every instance, each claim one short
 * statement (its own transaction, committed before anything is sent), and each result one
 * statement that applies only while the claim is still the claimer's.
 * <p>
 * A delivery is claimable when it is pending and due, no instance holds its lease, its
 * subscription is an active webhook, and no earlier delivery of the same subscription
 * about the same user is still pending: so a subscription hears about a user in commit
 * order, one event at a time. Subscriptions are visited in a random order and each gives
 * at most its free share ({@code per-subscription} less what this instance already sends
 * to it), so one subscription's backlog never starves the others.
 */
@Component
class WebhookDeliveries {

	private static final String CLAIM = """
			with busy as (
			  select * from unnest(cast(:busyIds as bigint[]), cast(:busyCounts as int[])) as b(id, sending)
			), picked as (
			  select d.subscription_id, d.event_seq
			  from (select id, random() as turn from webhook_subscription
			        where kind = 'webhook' and status = 'active') s
			  left join busy on busy.id = s.id
			  cross join lateral (
			    select d.subscription_id, d.event_seq from webhook_delivery d
			    where d.subscription_id = s.id and d.status = 'pending' and d.next_attempt_at <= :now
			      and (d.lease_until is null or d.lease_until < :now)
			      and not exists (
			        select 1 from webhook_delivery e
			        where e.subscription_id = d.subscription_id and e.user_id = d.user_id
			          and e.status = 'pending' and e.event_seq < d.event_seq)
			    order by d.event_seq
			    limit greatest(:perSubscription - coalesce(busy.sending, 0), 0)
			    for update of d skip locked
			  ) d
			  order by s.turn, d.event_seq
			  limit :max
			)
			update webhook_delivery w set lease_until = :until
			from picked p, event_outbox e, webhook_subscription s
			where w.subscription_id = p.subscription_id and w.event_seq = p.event_seq
			  and e.seq = w.event_seq and s.id = w.subscription_id
			returning w.subscription_id, w.event_seq, w.associated_id, w.attempts, e.id, e.type, e.data::text as data,
			  e.occurred_at, s.url, s.tenant_id is not null as scoped, s.secret_sealed, s.previous_secret_sealed,
			  s.previous_secret_until""";

	private final JdbcClient jdbc;

	private final Clock clock;

	WebhookDeliveries(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Claims up to {@code max} due deliveries for {@code lease}.
	 * @param sending what this instance sends to each subscription now
	 */
	List<Claimed> claim(int max, int perSubscription, Map<Long, Integer> sending, Duration lease) {
		Instant now = this.clock.instant();
		Instant until = now.plus(lease).truncatedTo(ChronoUnit.MICROS);
		StringBuilder ids = new StringBuilder("{");
		StringBuilder counts = new StringBuilder("{");
		sending.forEach((id, count) -> {
			ids.append((ids.length() > 1) ? "," : "").append(id);
			counts.append((counts.length() > 1) ? "," : "").append(count);
		});
		return this.jdbc.sql(CLAIM)
			.param("busyIds", ids.append('}').toString())
			.param("busyCounts", counts.append('}').toString())
			.param("now", Timestamp.from(now))
			.param("perSubscription", perSubscription)
			.param("max", max)
			.param("until", Timestamp.from(until))
			.query((rs, row) -> claimed(rs, until))
			.list();
	}

	/** Delivered, if the claim is still ours. */
	boolean delivered(Claimed claimed, int status) {
		return this.jdbc.sql("""
				update webhook_delivery set status = 'delivered', attempts = attempts + 1, last_status = :status,
				  last_attempt_at = :now, last_error = null, lease_until = null
				where subscription_id = :subscription and event_seq = :seq and status = 'pending'
				  and lease_until = :lease""")
			.param("status", status)
			.param("now", Timestamp.from(this.clock.instant()))
			.param("subscription", claimed.subscriptionId())
			.param("seq", claimed.eventSeq())
			.param("lease", Timestamp.from(claimed.leaseUntil()))
			.update() == 1;
	}

	/**
	 * A failed attempt, if the claim is still ours: due again after {@code retryAfter},
	 * or {@code failed} when that is null.
	 */
	boolean failed(Claimed claimed, int status, String error, Duration retryAfter) {
		Instant now = this.clock.instant();
		return this.jdbc.sql("""
				update webhook_delivery set status = :next, attempts = attempts + 1, last_status = :status,
				  last_attempt_at = :now, last_error = :error, next_attempt_at = :due, lease_until = null
				where subscription_id = :subscription and event_seq = :seq and status = 'pending'
				  and lease_until = :lease""")
			.param("next", (retryAfter != null) ? "pending" : "failed")
			.param("status", status)
			.param("now", Timestamp.from(now))
			.param("error", error)
			.param("due", Timestamp.from((retryAfter != null) ? now.plus(retryAfter) : now))
			.param("subscription", claimed.subscriptionId())
			.param("seq", claimed.eventSeq())
			.param("lease", Timestamp.from(claimed.leaseUntil()))
			.update() == 1;
	}

	/** A subscription's deliveries, newest event first, of one status or all. */
	PageResult<DeliveryView> list(long subscriptionId, String status, int page, int size) {
		String where = "d.subscription_id = :id" + ((status != null) ? " and d.status = :status" : "");
		JdbcClient.StatementSpec count = this.jdbc.sql("select count(*) from webhook_delivery d where " + where)
			.param("id", subscriptionId);
		JdbcClient.StatementSpec rows = this.jdbc.sql("""
				select e.id, e.type, d.user_id, d.status, d.attempts, d.last_status, d.last_attempt_at,
				  d.next_attempt_at, d.last_error
				from webhook_delivery d join event_outbox e on e.seq = d.event_seq
				where %s order by d.event_seq desc limit :size offset :offset""".formatted(where))
			.param("id", subscriptionId)
			.param("size", size)
			.param("offset", (long) page * size);
		if (status != null) {
			count = count.param("status", status);
			rows = rows.param("status", status);
		}
		long total = count.query(Long.class).single();
		List<DeliveryView> content = rows.query((rs, row) -> view(rs)).list();
		return PageResult.of(new PageImpl<>(content, PageRequest.of(page, size), total), (view) -> view);
	}

	/**
	 * Makes a delivery due now whatever its status (a lease held on it is dropped: the
	 * holder's result will not count, and it is sent again).
	 */
	void retry(long subscriptionId, UUID eventId) {
		int changed = this.jdbc.sql("""
				update webhook_delivery d set status = 'pending', next_attempt_at = :now, lease_until = null
				from event_outbox e
				where e.id = :event and d.event_seq = e.seq and d.subscription_id = :id""")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("event", eventId)
			.param("id", subscriptionId)
			.update();
		if (changed == 0) {
			throw new ApiException(ErrorCode.NOT_FOUND);
		}
	}

	private static DeliveryView view(ResultSet rs) throws SQLException {
		String status = rs.getString("status");
		Timestamp last = rs.getTimestamp("last_attempt_at");
		int lastStatus = rs.getInt("last_status");
		Integer lastStatusOrNull = rs.wasNull() ? null : lastStatus;
		return new DeliveryView(rs.getString("id"), rs.getString("type"), rs.getLong("user_id"), status,
				rs.getInt("attempts"), lastStatusOrNull, (last != null) ? last.getTime() : null,
				"pending".equals(status) ? rs.getTimestamp("next_attempt_at").getTime() : null,
				rs.getString("last_error"));
	}

	private static Claimed claimed(ResultSet rs, Instant until) throws SQLException {
		return new Claimed(rs.getLong("subscription_id"), rs.getLong("event_seq"), rs.getString("associated_id"),
				rs.getInt("attempts"), rs.getString("id"), rs.getString("type"), rs.getString("data"),
				rs.getTimestamp("occurred_at").toInstant(), rs.getString("url"), rs.getBoolean("scoped"),
				rs.getBytes("secret_sealed"), rs.getBytes("previous_secret_sealed"),
				rs.getTimestamp("previous_secret_until"), until);
	}

	/**
	 * A delivery this instance holds until {@code leaseUntil}, with what sending it
	 * needs.
	 */
	record Claimed(long subscriptionId, long eventSeq, String associatedId, int attempts, String eventId, String type,
			String data, Instant occurredAt, String url, boolean scoped, byte[] secretSealed,
			byte[] previousSecretSealed, Timestamp previousSecretUntil, Instant leaseUntil) {

	}

}
