package com.usercenter.core;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
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
 */
@Component
public class Announcements implements SmartLifecycle {

	/** The payload that means "every row of this kind changed". */
	public static final String EVERYTHING = "*";

	static final long HEARTBEAT_MILLIS = 500;

	private static final Logger log = LoggerFactory.getLogger(Announcements.class);

	private final Map<String, List<Subscriber>> subscribers = new ConcurrentHashMap<>();

	private final String url;

	private final String username;

	private final String password;

	private volatile boolean listening;

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

	/** Whether announcements are heard now, so memory kept by subscribers is current. */
	public boolean listening() {
		return this.listening;
	}

	private void listen() {
		long backoff = 200;
		while (this.running) {
			try (Connection connection = DriverManager.getConnection(this.url, this.username, this.password);
					Statement statement = connection.createStatement()) {
				for (String channel : this.subscribers.keySet()) {
					statement.execute("listen " + channel);
				}
				PGConnection pg = connection.unwrap(PGConnection.class);
				lostAll();
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
