package com.usercenter.limit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import com.usercenter.changes.BatchedDeletes;
import com.usercenter.core.TooManyRequests;
import com.usercenter.secrets.SecretBox;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counts hits per limit and key in fixed windows, in the database, so every instance and
 * every concurrent request sees the same count. Each call is one atomic statement: a hit
 * is counted before the work it guards, so a burst of parallel requests cannot all pass a
 * check made before any of them was counted. Outside a transaction each call commits at
 * once; callers call it before they open theirs, so a later failure does not un-count the
 * hit. Keys are stored only as keyed hashes (HMAC under a master-key subkey): a mobile
 * number, an email, an address or a typed account name never sits in {@code rate_limit}
 * in clear.
 */
@Component
public class Limiter {

	static final String KEY_HASH = "rate-limit-key";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final SecretBox box;

	private final BatchedDeletes deletes;

	Limiter(JdbcClient jdbc, Clock clock, SecretBox box, BatchedDeletes deletes) {
		this.deletes = deletes;
		this.jdbc = jdbc;
		this.clock = clock;
		this.box = box;
	}

	/** Counts one hit and says where the key stands; never refuses by itself. */
	public Hit hit(Limit limit, String key) {
		Instant now = this.clock.instant();
		return this.jdbc.sql("""
				insert into rate_limit (name, key, window_start, hits) values (:name, :key, :now, 1)
				on conflict (name, key) do update set
				  hits = case when rate_limit.window_start <= :expired then 1 else rate_limit.hits + 1 end,
				  window_start = case when rate_limit.window_start <= :expired then :now
				                      else rate_limit.window_start end
				returning hits, window_start""")
			.param("name", limit.name())
			.param("key", key(key))
			.param("now", Timestamp.from(now))
			.param("expired", Timestamp.from(now.minus(limit.window())))
			.query((rs, row) -> new Hit(rs.getInt(1), limit.max(), rs.getTimestamp(2).toInstant().plus(limit.window()),
					now))
			.single();
	}

	/**
	 * Counts one hit and refuses it with 42900 ({@code retryAfter}, {@code Retry-After})
	 * when it is over the limit.
	 */
	public Hit take(Limit limit, String key) {
		Hit hit = hit(limit, key);
		if (!hit.allowed()) {
			throw new TooManyRequests(hit.retryAfter());
		}
		return hit;
	}

	/** Where the key stands now, without counting: zero hits when its window is over. */
	public Hit peek(Limit limit, String key) {
		Instant now = this.clock.instant();
		return this.jdbc
			.sql("select hits, window_start from rate_limit where name = :name and key = :key"
					+ " and window_start > :expired")
			.param("name", limit.name())
			.param("key", key(key))
			.param("expired", Timestamp.from(now.minus(limit.window())))
			.query((rs, row) -> new Hit(rs.getInt(1), limit.max(), rs.getTimestamp(2).toInstant().plus(limit.window()),
					now))
			.optional()
			.orElse(new Hit(0, limit.max(), now, now));
	}

	/**
	 * Gives a hit back: the work it counted did not happen (a provider refused a send).
	 */
	public void refund(Limit limit, String key) {
		this.jdbc.sql("update rate_limit set hits = hits - 1 where name = :name and key = :key and hits > 0")
			.param("name", limit.name())
			.param("key", key(key))
			.update();
	}

	/** Starts the key afresh (a right password clears the wrong ones before it). */
	public void reset(Limit limit, String key) {
		this.jdbc.sql("delete from rate_limit where name = :name and key = :key")
			.param("name", limit.name())
			.param("key", key(key))
			.update();
	}

	/** Forgets windows that ended before {@code before}. */
	int deleteEndedBefore(Instant before) {
		return this.deletes.delete("rate_limit", "window_start < :before", Map.of("before", Timestamp.from(before)));
	}

	/**
	 * Forgets every count kept under this key, whatever its limit (an erased person's
	 * contact).
	 */
	public void forget(String key) {
		this.jdbc.sql("delete from rate_limit where key = :key").param("key", key(key)).update();
	}

	/** The key as stored: a keyed hash of it. */
	public String storedKey(String key) {
		return key(key);
	}

	private String key(String key) {
		return this.box.keyedHash(KEY_HASH, (key != null) ? key : "unknown");
	}

}
