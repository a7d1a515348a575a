package com.usercenter.changes;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What PostgreSQL announces ({@code NOTIFY}, sent by triggers at commit) about rows that
 * instances keep in memory, heard on one connection of its own. Memory may be trusted
 * only while this connection is up: when it drops, or a heartbeat every
 * {@value #HEARTBEAT_MILLIS} ms fails, every subscriber is told to forget everything, and
 * {@link #listening()} is false until the connection is back (and subscribers forget
 * again then, since announcements were missed in between).
 * <p>
 * The instance that makes a change hears it the same way, and waits for it
 * ({@link #awaitOwnChanges()}): when its transaction commits, an echo it sent on a
 * channel of its own comes back after everything the transaction announced, so memory
 * here has forgotten what the change touched before the change returns.
 * <p>
 * A liveness check must not be able to block itself: a connection whose peer stopped
 * answering without closing (a stalled relay, a dead host behind a NAT) blocks a read
 * forever, and a query timeout only sends a cancel on another connection. So
 * {@link #listening()} is also false as soon as the last answered heartbeat is older than
 * {@value #TRUST_MILLIS} ms, whatever the listening thread is doing; the connection has a
 * socket timeout of {@value #SOCKET_TIMEOUT_SECONDS} s (and TCP keep-alive), so a blocked
 * read ends, the loss is logged, and a new connection is made. A heartbeat answered late
 * also makes every subscriber forget, since announcements may have waited behind it.
 */
@Component
public class Announcements implements SmartLifecycle {

	/** The payload that means "every row of this kind changed". */
	public static final String EVERYTHING = "*";

	static final long HEARTBEAT_MILLIS = 500;

	/** How old the last answered heartbeat may be while memory is trusted. */
	static final long TRUST_MILLIS = 2_000;

	/** How long one read on the listening connection may block. */
	static final int SOCKET_TIMEOUT_SECONDS = 3;

	private static final Logger log = LoggerFactory.getLogger(Announcements.class);

	/** How long a change waits for its echo at most, while the channel is trusted. */
	static final long ECHO_MILLIS = 5_000;

	private final Map<String, List<Subscriber>> subscribers = new ConcurrentHashMap<>();

	/** This instance's own channel, where its echoes come back. */
	private final String echoChannel = "usercenter_echo_" + randomLetters(12);

	private final AtomicLong echoes = new AtomicLong();

	/** Echoes sent and not heard yet, by ticket. */
	private final Map<Long, CompletableFuture<Void>> awaited = new ConcurrentHashMap<>();

	/** Echoes heard in the current batch (listening thread only). */
	private final List<Long> heard = new ArrayList<>();

	private final JdbcClient jdbc;

	private final String url;

	private final String username;

	private final String password;

	private volatile boolean listening;

	/** {@link System#nanoTime()} of the last answer on the listening connection. */
	private volatile long answeredAt;

	private volatile boolean running;

	private Thread listener;

	Announcements(DataSourceProperties dataSource, @Value("${usercenter.changes.listen-url:}") String listenUrl,
			JdbcClient jdbc) {
		this.url = listenUrl.isBlank() ? dataSource.determineUrl() : listenUrl;
		this.username = dataSource.determineUsername();
		this.password = dataSource.determinePassword();
		this.jdbc = jdbc;
	}

	/**
	 * The current transaction changes rows the database announces: once it commits, the
	 * calling thread waits until this instance has heard every announcement it made, so
	 * the next request here cannot be served what the change replaced. Outside a
	 * transaction the change has committed already, and the wait starts at once. Nothing
	 * is awaited while the channel is down: memory is not trusted then, and is forgotten
	 * before it is trusted again.
	 */
	public void awaitOwnChanges() {
		if (!listening()) {
			return;
		}
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			long ticket;
			try {
				ticket = echo();
			}
			catch (DataAccessException ex) {
				// the change is made and the echo cannot follow it: forget everything
				lostAll();
				return;
			}
			await(ticket);
			return;
		}
		if (TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
			return;
		}
		for (TransactionSynchronization registered : TransactionSynchronizationManager.getSynchronizations()) {
			if (registered instanceof Echo) {
				return;
			}
		}
		// sent now, not just before the commit: a change may be flushed (and this called)
		// after the synchronizations were told the commit is coming
		TransactionSynchronizationManager.registerSynchronization(new Echo(echo()));
	}

	/**
	 * Sends an echo on this instance's channel, in the current transaction if there is
	 * one: it is then heard when that transaction commits, with what it announced,
	 * however late in it the announcements were made.
	 */
	private long echo() {
		long ticket = this.echoes.incrementAndGet();
		this.awaited.put(ticket, new CompletableFuture<>());
		try {
			this.jdbc.sql("select pg_notify(:channel, :ticket)")
				.param("channel", this.echoChannel)
				.param("ticket", Long.toString(ticket))
				.query()
				.singleRow();
		}
		catch (RuntimeException ex) {
			this.awaited.remove(ticket);
			throw ex;
		}
		return ticket;
	}

	/** Waits until the echo is heard, the channel is distrusted, or it took too long. */
	private void await(long ticket) {
		CompletableFuture<Void> echo = this.awaited.get(ticket);
		long deadline = System.nanoTime() + ECHO_MILLIS * 1_000_000;
		try {
			while (echo != null && listening()) {
				try {
					echo.get(50, TimeUnit.MILLISECONDS);
					return;
				}
				catch (TimeoutException ex) {
					if (System.nanoTime() > deadline) {
						log.warn("An echo of changes took over {} ms: what memory kept is forgotten", ECHO_MILLIS);
						lostAll();
						return;
					}
				}
				catch (ExecutionException ex) {
					return;
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					lostAll();
					return;
				}
			}
		}
		finally {
			this.awaited.remove(ticket);
		}
	}

	/**
	 * Calls {@code heard} with each payload announced on the channel, and {@code lost}
	 * whenever announcements may have been missed. Subscribe before the context starts
	 * (from a constructor).
	 */
	public void subscribe(String channel, Consumer<String> heard, Runnable lost) {
		if (!channel.matches("[a-z_]+")) {
			throw new IllegalArgumentException("Not a channel name: " + channel);
		}
		this.subscribers.computeIfAbsent(channel, (key) -> new CopyOnWriteArrayList<>())
			.add(new Subscriber(heard, lost));
	}

	/**
	 * Whether announcements are heard now, so memory kept by subscribers is current: the
	 * connection is up and answered a heartbeat within the last {@value #TRUST_MILLIS}
	 * ms.
	 */
	public boolean listening() {
		return this.listening && System.nanoTime() - this.answeredAt < TRUST_MILLIS * 1_000_000;
	}

	private Properties connectionProperties() {
		Properties properties = new Properties();
		if (this.username != null) {
			properties.setProperty("user", this.username);
		}
		if (this.password != null) {
			properties.setProperty("password", this.password);
		}
		// settings in the URL win over these
		properties.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
		properties.setProperty("connectTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
		properties.setProperty("loginTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
		properties.setProperty("tcpKeepAlive", "true");
		properties.setProperty("ApplicationName", "usercenter-announcements");
		return properties;
	}

	private void listen() {
		long backoff = 200;
		while (this.running) {
			try (Connection connection = DriverManager.getConnection(this.url, connectionProperties());
					Statement statement = connection.createStatement()) {
				for (String channel : this.subscribers.keySet()) {
					statement.execute("listen " + channel);
				}
				statement.execute("listen " + this.echoChannel);
				PGConnection pg = connection.unwrap(PGConnection.class);
				lostAll();
				this.answeredAt = System.nanoTime();
				this.listening = true;
				backoff = 200;
				log.info("Listening for changes on {}: live sessions and profiles are served from memory",
						this.subscribers.keySet());
				statement.setQueryTimeout(1);
				long beat = System.nanoTime();
				while (this.running) {
					// a heartbeat every HEARTBEAT_MILLIS, not after each batch heard
					// (under load, a revocation a login, that was a round trip each)
					long wait = HEARTBEAT_MILLIS - (System.nanoTime() - beat) / 1_000_000;
					if (wait > 0) {
						PGNotification[] notifications = pg.getNotifications((int) wait);
						if (notifications != null) {
							for (PGNotification notification : notifications) {
								deliver(notification);
							}
						}
					}
					else {
						statement.execute("select 1");
						beat = System.nanoTime();
						answered(pg, beat);
					}
					while (!this.heard.isEmpty()) {
						// an echo is answered after a round trip: by then everything its
						// transaction announced has arrived, and has been delivered
						List<Long> echoed = List.copyOf(this.heard);
						this.heard.clear();
						statement.execute("select 1");
						beat = System.nanoTime();
						answered(pg, beat);
						echoed.forEach(this::release);
					}
				}
			}
			catch (SQLException | RuntimeException ex) {
				if (this.listening) {
					log.warn("Lost the channel of changes ({}): sessions and profiles are read from the database",
							ex.getClass().getSimpleName());
				}
				this.listening = false;
				this.heard.clear();
				lostAll();
				sleep(backoff);
				backoff = Math.min(backoff * 2, 5_000);
			}
		}
		this.listening = false;
	}

	/**
	 * A heartbeat was answered: what arrived with it is delivered, and when the answer
	 * came so late that {@link #listening()} was already false, every subscriber forgets
	 * before memory is trusted again.
	 */
	private void answered(PGConnection pg, long now) throws SQLException {
		PGNotification[] waiting = pg.getNotifications();
		if (waiting != null) {
			for (PGNotification notification : waiting) {
				deliver(notification);
			}
		}
		long silentMillis = (now - this.answeredAt) / 1_000_000;
		if (silentMillis >= TRUST_MILLIS) {
			log.warn("Lost the channel of changes for {} ms (no heartbeat answered): what memory kept is forgotten",
					silentMillis);
			lostAll();
		}
		this.answeredAt = now;
	}

	private void deliver(PGNotification notification) {
		if (this.echoChannel.equals(notification.getName())) {
			this.heard.add(Long.valueOf(notification.getParameter()));
			return;
		}
		for (Subscriber subscriber : this.subscribers.getOrDefault(notification.getName(), List.of())) {
			subscriber.heard().accept(notification.getParameter());
		}
	}

	private void release(long ticket) {
		CompletableFuture<Void> echo = this.awaited.get(ticket);
		if (echo != null) {
			echo.complete(null);
		}
	}

	/**
	 * Every subscriber forgets everything; then every change waiting for its echo may
	 * return, since memory holds nothing it changed.
	 */
	private void lostAll() {
		this.subscribers.values().forEach((list) -> list.forEach((subscriber) -> subscriber.lost().run()));
		this.awaited.values().forEach((echo) -> echo.complete(null));
	}

	private static String randomLetters(int count) {
		SecureRandom random = new SecureRandom();
		StringBuilder letters = new StringBuilder(count);
		for (int i = 0; i < count; i++) {
			letters.append((char) ('a' + random.nextInt(26)));
		}
		return letters.toString();
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
		this.listener = new Thread(this::listen, "announcements");
		this.listener.setDaemon(true);
		this.listener.start();
	}

	@Override
	public void stop() {
		this.running = false;
		this.listening = false;
		lostAll();
		if (this.listener != null) {
			this.listener.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private record Subscriber(Consumer<String> heard, Runnable lost) {
	}

	/**
	 * Waits, once the transaction committed, for the echo it sent (heard at commit, with
	 * the rest of what the transaction announced).
	 */
	private final class Echo implements TransactionSynchronization {

		private final long ticket;

		Echo(long ticket) {
			this.ticket = ticket;
		}

		@Override
		public void afterCommit() {
			await(this.ticket);
		}

		@Override
		public void afterCompletion(int status) {
			Announcements.this.awaited.remove(this.ticket);
		}

	}

}
