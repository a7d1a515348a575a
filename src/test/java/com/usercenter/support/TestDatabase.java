package com.usercenter.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL a test run uses, decided once per JVM: a Testcontainers PostgreSQL when
 * a Docker engine answers, otherwise a throwaway database on the local server
 * ({@code localhost:5432}, or {@code USERCENTER_TEST_PG_URL}), dropped when the run ends.
 * Tests never skip for want of Docker.
 */
public final class TestDatabase {

	private static Coordinates coordinates;

	private TestDatabase() {
	}

	public static synchronized Coordinates get() {
		if (coordinates == null) {
			coordinates = dockerAvailable() ? container() : localThrowaway();
		}
		return coordinates;
	}

	/**
	 * Whether a Docker engine answers. Testcontainers is asked only when there is a sign
	 * of one (DOCKER_HOST, a socket), since without one it logs an ERROR a newcomer reads
	 * as a failure; the local PostgreSQL is then used, as one plain line says.
	 */
	private static boolean dockerAvailable() {
		boolean hint = System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"))
				|| Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"));
		if (!hint) {
			System.out.println("No Docker engine here: the tests use the local PostgreSQL, in a throwaway database.");
			return false;
		}
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | LinkageError ex) {
			return false;
		}
	}

	private static Coordinates container() {
		PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
		container.start();
		Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
		return new Coordinates(container.getJdbcUrl(), container.getUsername(), container.getPassword());
	}

	/**
	 * Names a database that does not exist yet: the application's own create-if-missing
	 * step makes it, so every run exercises that path too.
	 */
	private static Coordinates localThrowaway() {
		String server = System.getenv().getOrDefault("USERCENTER_TEST_PG_URL", "jdbc:postgresql://localhost:5432");
		String user = System.getenv().getOrDefault("USERCENTER_TEST_PG_USER", "postgres");
		String password = System.getenv().getOrDefault("USERCENTER_TEST_PG_PASSWORD", "");
		String name = "usercenter_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(server, user, password, name)));
		return new Coordinates(server + "/" + name, user, password);
	}

	private static void drop(String server, String user, String password, String name) {
		try (Connection connection = DriverManager.getConnection(server + "/postgres", user, password);
				Statement statement = connection.createStatement()) {
			statement.execute("drop database if exists " + name + " with (force)");
		}
		catch (SQLException ex) {
			System.err.println("Could not drop test database " + name + ": " + ex.getMessage());
		}
	}

	/** Where to connect. */
	public record Coordinates(String url, String username, String password) {
	}

}
