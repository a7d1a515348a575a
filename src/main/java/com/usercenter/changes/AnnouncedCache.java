package com.usercenter.changes;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Values read from the database and kept in this instance's memory, trusted only while
 * changes to them are heard ({@link Announcements}): an announced key is forgotten at
 * once, everything is forgotten when the channel drops, and nothing is served from memory
 * until it is back. A value read while a change was announced is not kept, so a slow read
 * cannot put back what a change just removed.
 *
 * @param <K> the key, read from an announcement's payload
 * @param <V> the kept value
 */
public final class AnnouncedCache<K, V> {

	private final Announcements announcements;

	private final Cache<K, V> memory;

	/** Moves on every change heard or made here, and every change of the channel. */
	private final AtomicLong epoch = new AtomicLong();

	/**
	 * @param channel where the database announces changed keys, or
	 * {@value Announcements#EVERYTHING}
	 * @param key the key a payload names
	 * @param size the most values kept
	 * @param ttl how long a value is kept at most, changed or not
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
				forgetNow(key.apply(payload));
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
	 * after {@code mark}, unless a change was heard or made since.
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

	/**
	 * This instance changed the key: forget it at once, and again when the transaction
	 * commits, so this instance reads the change at once; the others hear of it.
	 */
	public void forget(K key) {
		forgetNow(key);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCompletion(int status) {
					forgetNow(key);
				}

			});
		}
	}

	private void forgetNow(K key) {
		this.epoch.incrementAndGet();
		this.memory.invalidate(key);
	}

	/** Everything kept changed (a catalog entry every value names, say). */
	public void forgetAll() {
		this.epoch.incrementAndGet();
		this.memory.invalidateAll();
	}

}
