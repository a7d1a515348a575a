package com.usercenter.changes;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Values read from the database and kept in this instance's memory, trusted only while
 * changes to them are heard ({@link Announcements}). The database's announcement is the
 * one way a value is forgotten: an announced key at once, everything on {@code *} and
 * when the channel drops; nothing is served from memory until it is back, and the
 * instance that made a change waits until it heard it
 * ({@link Announcements#awaitOwnChanges()}). A value read while a change was announced is
 * not kept, so a slow read cannot put back what a change just removed. The time limit is
 * a bound, not a way to hear of changes: a row changed with the triggers off is seen
 * again after it at the latest.
 *
 * @param <K> the key, read from an announcement's payload
 * @param <V> the kept value
 */
public final class AnnouncedCache<K, V> {

	private final Announcements announcements;

	private final Cache<K, V> memory;

	/** Moves on every change heard, and every change of the channel. */
	private final AtomicLong epoch = new AtomicLong();

	/**
	 * @param channel where the database announces changed keys, or
	 * {@value Announcements#EVERYTHING}
	 * @param key the key a payload names
	 * @param size the most values kept
	 * @param ttl how long a value is kept at most, announced or not
	 */
	public AnnouncedCache(Announcements announcements, String channel, Function<String, K> key, long size,
			Duration ttl) {
		this.announcements = announcements;
		this.memory = Caffeine.newBuilder().maximumSize(size).expireAfterWrite(ttl).build();
		announcements.subscribe(channel, (payload) -> {
			if (Announcements.EVERYTHING.equals(payload)) {
				forgetAll();
			}
			else {
				forget(key.apply(payload));
			}
		}, this::forgetAll);
	}

	/**
	 * The kept value, or {@code null} when there is none or memory cannot be trusted now.
	 */
	public V get(K key) {
		return this.announcements.listening() ? this.memory.getIfPresent(key) : null;
	}

	/**
	 * Taken before reading from the database what {@link #keep} is to keep; negative when
	 * memory cannot be trusted now.
	 */
	public long mark() {
		long mark = this.epoch.get();
		return this.announcements.listening() ? mark : -1;
	}

	/**
	 * Keeps {@code update} of the kept value (or of {@code null}), read from the database
	 * after {@code mark}, unless a change was heard since.
	 */
	public void keep(K key, long mark, UnaryOperator<V> update) {
		if (mark < 0) {
			return;
		}
		// the check and the write under the key's lock: a forget that moved the epoch
		// after the check removes the key after this write
		this.memory.asMap().compute(key, (k, kept) -> {
			if (this.epoch.get() != mark || !this.announcements.listening()) {
				return kept;
			}
			return update.apply(kept);
		});
	}

	private void forget(K key) {
		this.epoch.incrementAndGet();
		this.memory.invalidate(key);
	}

	private void forgetAll() {
		this.epoch.incrementAndGet();
		this.memory.invalidateAll();
	}

}
