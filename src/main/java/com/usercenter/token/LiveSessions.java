package com.usercenter.token;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Live sessions kept in memory, so a request's session check costs no database round
 * trip, while a revocation on any instance still holds on this one within a second.
 * PostgreSQL announces every ended session on {@code usercenter_sessions} (a trigger,
 * V11); this component listens on a connection of its own and forgets the user's sessions
 * at once. Memory is trusted only while that connection is up: when it drops (or a
 * heartbeat a {@value #HEARTBEAT_MILLIS} ms fails), every check goes to the database
 * until it is back, and what was kept is forgotten. A check that raced a revocation is
 * not kept.
 */
@Component
class LiveSessions implements SmartLifecycle {

	static final String CHANNEL = "usercenter_sessions";

	static final long HEARTBEAT_MILLIS = 500;

	private static final Logger log = LoggerFactory.getLogger(LiveSessions.class);

	private final Cache<UUID, Long> live = Caffeine.newBuilder()
		.maximumSize(100_000)
		.expireAfterWrite(Duration.ofMinutes(1))
		.build();

	private final Cache<Long, Set<UUID>> byUser = Caffeine.newBuilder()
		.maximumSize(100_000)
		.expireAfterAccess(Duration.ofMinutes(2))
		.build();

	/**
	 * Moves on every announcement and every change of the channel, so a racing check is
	 * not kept.
	 */
	private final AtomicLong epoch = new AtomicLong();

	private final String url;

	private final String username;

	private final String password;

	private volatile boolean listening;

	private volatile boolean running;

	private Thread listener;

	LiveSessions(DataSourceProperties dataSource, @Value("${usercenter.sessions.listen-url:}") String listenUrl) {
		this.url = listenUrl.isBlank() ? dataSource.determineUrl() : listenUrl;
		this.username = dataSource.determineUsername();
		this.password = dataSource.determinePassword();
	}

	/**
	 * Whether the session is live: from memory while the channel is up, else from the
	 * database.
	 */
	boolean isLive(UUID sessionId, long userId, BooleanSupplier database) {
		if (this.listening && this.live.getIfPresent(sessionId) != null) {
			return true;
		}
		long before = this.epoch.get();
		boolean wasListening = this.listening;
		boolean result = database.getAsBoolean();
		if (result && wasListening && this.listening && this.epoch.get() == before) {
			this.live.put(sessionId, userId);
			this.byUser.get(userId, (key) -> ConcurrentHashMap.newKeySet()).add(sessionId);
		}
		return result;
	}

	/**
	 * This instance ended sessions of the user: forget them here at once and again when
	 * the transaction commits, so the revocation holds at once on this instance; the
	 * others hear of it on the channel.
	 */
	void forget(long userId) {
		ended(userId);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					ended(userId);
				}

			});
		}
	}

	boolean listening() {
		return this.listening;
	}

	private void ended(long userId) {
		this.epoch.incrementAndGet();
		Set<UUID> sessions = this.byUser.asMap().remove(userId);
		if (sessions != null) {
			this.live.invalidateAll(sessions);
		}
	}

	private void forgetAll() {
		this.epoch.incrementAndGet();
		this.live.invalidateAll();
		this.byUser.invalidateAll();
	}

	private void listen() {
		long backoff = 200;
		while (this.running) {
			try (Connection connection = DriverManager.getConnection(this.url, this.username, this.password);
					Statement statement = connection.createStatement()) {
				statement.execute("listen " + CHANNEL);
				PGConnection pg = connection.unwrap(PGConnection.class);
				forgetAll();
				this.listening = true;
				backoff = 200;
				log.info("Listening for ended sessions: sessions are checked from memory");
				while (this.running) {
					PGNotification[] notifications = pg.getNotifications((int) HEARTBEAT_MILLIS);
					if (notifications != null) {
						for (PGNotification notification : notifications) {
							ended(Long.parseLong(notification.getParameter()));
						}
					}
					statement.setQueryTimeout(1);
					statement.execute("select 1");
				}
			}
			catch (SQLException | RuntimeException ex) {
				if (this.listening) {
					log.warn("Lost the channel of ended sessions ({}): sessions are checked in the database",
							ex.getClass().getSimpleName());
				}
				this.listening = false;
				forgetAll();
				sleep(backoff);
				backoff = Math.min(backoff * 2, 5_000);
			}
		}
		this.listening = false;
	}

	private void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

	@Override
	public void start() {
		this.running = true;
		this.listener = new Thread(this::listen, "live-sessions");
		this.listener.setDaemon(true);
		this.listener.start();
	}

	@Override
	public void stop() {
		this.running = false;
		this.listening = false;
		if (this.listener != null) {
			this.listener.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
