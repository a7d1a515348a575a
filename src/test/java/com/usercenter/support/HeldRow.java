package com.usercenter.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A row locked from a connection of the test ({@code select ... for update}), to force an
 * interleaving without any hook in the service: a statement of the service that wants the
 * row waits until the test lets it go, and the test can see that it waits.
 */
public final class HeldRow implements AutoCloseable {

	private final Connection connection;

	private final int waitingBefore;

	private HeldRow(Connection connection) throws SQLException {
		this.connection = connection;
		this.waitingBefore = waiting(connection);
	}

	/**
	 * Locks the rows {@code select} (a {@code select ... for update}) finds, with the
	 * parameters in order.
	 */
	public static HeldRow hold(DataSource dataSource, String select, Object... parameters) throws SQLException {
		Connection connection = dataSource.getConnection();
		connection.setAutoCommit(false);
		try (PreparedStatement statement = connection.prepareStatement(select)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setObject(i + 1, parameters[i]);
			}
			try (ResultSet rows = statement.executeQuery()) {
				assertThat(rows.next()).as("a row to hold").isTrue();
			}
		}
		return new HeldRow(connection);
	}

	/**
	 * Waits (10 s at most) until {@code count} more statements of this database wait for
	 * a lock than when the row was taken.
	 */
	public void awaitWaiting(int count) throws SQLException, InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (waiting(this.connection) < this.waitingBefore + count) {
			assertThat(System.nanoTime()).as(count + " statements wait for the held row").isLessThan(deadline);
			Thread.sleep(10);
		}
	}

	/** Lets the row go: the waiting statements go on, in the order they came. */
	@Override
	public void close() throws SQLException {
		try {
			this.connection.rollback();
		}
		finally {
			this.connection.close();
		}
	}

	private static int waiting(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(
				"""
						select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'""");
				ResultSet rows = statement.executeQuery()) {
			rows.next();
			return rows.getInt(1);
		}
	}

}
