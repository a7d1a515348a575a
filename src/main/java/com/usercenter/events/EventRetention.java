package com.usercenter.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;

import javax.sql.DataSource;

import com.usercenter.changes.BatchedDeletes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes events older than {@code usercenter.events.retention} (7 days) whose deliveries
 * are all done (delivered or failed), or that had none, with those deliveries, in batches
 * ({@link BatchedDeletes}). An event still pending for any subscription (a subscriber
 * down for a week, Kafka away) is kept however old. One instance sweeps at a time: each
 * sweep first takes a PostgreSQL session advisory lock without waiting, on a connection
 * it holds (idle, outside any transaction) until the sweep ends; an instance that does
 * not get it skips this round, and a crashed holder's lock ends with its connection.
 */
@Component
class EventRetention {

	private static final Logger log = LoggerFactory.getLogger(EventRetention.class);

	private static final String LOCK = "usercenter.events.retention";

	private final DataSource dataSource;

	private final BatchedDeletes deletes;

	private final EventSettings settings;

	private final Clock clock;

	EventRetention(DataSource dataSource, BatchedDeletes deletes, EventSettings settings, Clock clock) {
		this.dataSource = dataSource;
		this.deletes = deletes;
		this.settings = settings;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${usercenter.events.retention-sweep-interval:PT1H}", initialDelayString = "PT5M")
	void scheduled() {
		int deleted = sweep();
		if (deleted > 0) {
			log.info("Deleted {} events past their retention", deleted);
		}
	}

	/**
	 * One sweep, if no other instance is sweeping.
	 * @return how many events were deleted (-1 when another instance holds the sweep)
	 */
	int sweep() {
		try (Connection lock = this.dataSource.getConnection()) {
			lock.setAutoCommit(true);
			if (!call(lock, "select pg_try_advisory_lock(hashtextextended(?, 0))")) {
				return -1;
			}
			try {
				Map<String, Object> before = Map.of("before",
						Timestamp.from(this.clock.instant().minus(this.settings.retention())));
				this.deletes.delete("webhook_delivery", """
						status <> 'pending' and event_seq in (
						  select o.seq from event_outbox o where o.occurred_at < :before
						    and not exists (select 1 from webhook_delivery p
						                    where p.event_seq = o.seq and p.status = 'pending'))""", before);
				return this.deletes.delete("event_outbox", """
						occurred_at < :before
						  and not exists (select 1 from webhook_delivery d where d.event_seq = event_outbox.seq)""",
						before);
			}
			finally {
				call(lock, "select pg_advisory_unlock(hashtextextended(?, 0))");
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot take the retention lock", ex);
		}
	}

	private static boolean call(Connection connection, String sql) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, LOCK);
			try (ResultSet rs = statement.executeQuery()) {
				return rs.next() && rs.getBoolean(1);
			}
		}
	}

}
