package com.usercenter.token;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import com.usercenter.changes.AnnouncedCache;
import com.usercenter.changes.Announcements;

import org.springframework.stereotype.Component;

/**
 * Live sessions kept in memory, so a request's session check costs no database round
 * trip, while a revocation on any instance still holds on this one within a second.
 * PostgreSQL announces every ended session's user on {@value #CHANNEL} (a trigger, V11
 * and V12), and every change of a user's status or of a tenant's status or secret (V13:
 * the user, or everyone), and the user's sessions are forgotten at once: that is the only
 * way they are forgotten, on the instance that ended them too ({@link #ending()}). A
 * session is kept only when the database found it live with its user and tenant active
 * ({@link SessionRepository#STANDING}). While that channel is down every check goes to
 * the database ({@link AnnouncedCache}). A session is kept a minute at most, so one that
 * runs out of time (which nothing announces) is read again.
 */
@Component
class LiveSessions {

	static final String CHANNEL = "usercenter_sessions";

	/** Sessions kept per user at most; a user with more is checked in the database. */
	private static final int PER_USER = 32;

	private final AnnouncedCache<Long, Set<UUID>> live;

	private final Announcements announcements;

	LiveSessions(Announcements announcements) {
		this.announcements = announcements;
		this.live = new AnnouncedCache<>(announcements, CHANNEL, Long::valueOf, 100_000, Duration.ofMinutes(1));
	}

	/**
	 * Whether the session is live: from memory while the channel is up, else from the
	 * database.
	 */
	boolean isLive(UUID sessionId, long userId, BooleanSupplier database) {
		Set<UUID> known = this.live.get(userId);
		if (known != null && known.contains(sessionId)) {
			return true;
		}
		long mark = this.live.mark();
		boolean result = database.getAsBoolean();
		if (result) {
			this.live.keep(userId, mark, (kept) -> {
				if (kept == null) {
					return Set.of(sessionId);
				}
				if (kept.size() >= PER_USER) {
					return kept;
				}
				Set<UUID> more = new HashSet<>(kept);
				more.add(sessionId);
				return Set.copyOf(more);
			});
		}
		return result;
	}

	/**
	 * The current transaction ends sessions: once it commits, wait until this instance
	 * heard the database announce it, as every other instance hears it, so the next
	 * request here is refused.
	 */
	void ending() {
		this.announcements.awaitOwnChanges();
	}

	boolean listening() {
		return this.announcements.listening();
	}

}
