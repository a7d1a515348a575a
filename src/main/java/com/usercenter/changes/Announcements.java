package com.usercenter.changes;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * What PostgreSQL announces ({@code NOTIFY}, sent by triggers at commit) about rows that
 * instances keep in memory, heard on one connection of its own. Memory may be trusted
 * only while this connection is up: when it drops, or a heartbeat every
 * {@value #HEARTBEAT_MILLIS} ms fails, every subscriber is told to forget everything, and
 * {@link #listening()} is false until the connection is back (and subscribers forget
 * again then, since announcements were missed in between).
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

	private final Map<String, List<Subscriber>> subscribers = new ConcurrentHashMap<>();

	private final String url;

	private final String username;

	private final String password;

	private volatile boolean listening;

	/** {@link System#nanoTime()} of the last answer on the listening connection. */
	private volatile long answeredAt;

	private volatile boolean running;

	private Thread listener;

	Announcements(DataSourceProperties dataSource, @Value("${usercenter.changes.listen-url:}") String listenUrl) {
		this.url = listenUrl.isBlank() ? dataSource.determineUrl() : listenUrl;
		this.username = dataSource.determineUsername();
		this.password = dataSource.determinePassword();
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
				}
			}
			catch (SQLException | RuntimeException ex) {
				if (this.listening) {
					log.warn("Lost the channel of changes ({}): sessions and profiles are read from the database",
							ex.getClass().getSimpleName());
				}
				this.listening = false;
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
		for (Subscriber subscriber : this.subscribers.getOrDefault(notification.getName(), List.of())) {
			subscriber.heard().accept(notification.getParameter());
		}
	}

	private void lostAll() {
		this.subscribers.values().forEach((list) -> list.forEach((subscriber) -> subscriber.lost().run()));
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

}
