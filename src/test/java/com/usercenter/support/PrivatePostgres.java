package com.usercenter.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own, made with the machine's {@code initdb} in a
 * temporary directory and run with {@code pg_ctl} on a free port, so a test can stop,
 * crash and restart a real server under load without touching the one every other test
 * uses. As root it runs the server as {@code postgres} (PostgreSQL refuses root).
 * {@code USERCENTER_TEST_PG_BIN} names the binaries' folder when they are not under
 * {@code /usr/lib/postgresql/<version>/bin}.
 */
public final class PrivatePostgres implements AutoCloseable {

	private final Path bin;

	private final Path data;

	private final int port;

	private final boolean asPostgres;

	private PrivatePostgres(Path bin, Path data, int port, boolean asPostgres) {
		this.bin = bin;
		this.data = data;
		this.port = port;
		this.asPostgres = asPostgres;
	}

	/** Makes a new cluster and starts it. */
	public static PrivatePostgres start() throws IOException {
		Path bin = binaries();
		boolean root = "root".equals(ProcessHandle.current().info().user().orElse(""));
		Path data = Files.createTempDirectory("usercenter-pg-");
		if (root) {
			run(List.of("chown", "postgres", data.toString()));
		}
		PrivatePostgres server = new PrivatePostgres(bin, data, freePort(), root);
		server.pg("initdb", "-D", data.toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync");
		server.startServer();
		return server;
	}

	public String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + database;
	}

	public int port() {
		return this.port;
	}

	/**
	 * Stops the server: {@code fast} ends sessions cleanly, {@code immediate} as a crash.
	 */
	public void stop(String mode) {
		pg("pg_ctl", "-D", this.data.toString(), "-m", mode, "-w", "stop");
	}

	public void startServer() {
		pg("pg_ctl", "-D", this.data.toString(), "-w", "-t", "30", "-l", this.data.resolve("server.log").toString(),
				"-o", "-p " + this.port + " -k " + this.data + " -c listen_addresses=127.0.0.1 -c max_connections=60",
				"start");
	}

	@Override
	public void close() {
		try {
			stop("immediate");
		}
		catch (RuntimeException ex) {
			// already stopped
		}
		try (Stream<Path> files = Files.walk(this.data)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			// a temporary directory left behind
		}
	}

	private void pg(String program, String... arguments) {
		List<String> command = new ArrayList<>();
		if (this.asPostgres) {
			command.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		command.add(this.bin.resolve(program).toString());
		command.addAll(List.of(arguments));
		run(command);
	}

	private static void run(List<String> command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes());
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static Path binaries() throws IOException {
		String configured = System.getenv("USERCENTER_TEST_PG_BIN");
		if (configured != null) {
			return Path.of(configured);
		}
		try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
			return versions.map((version) -> version.resolve("bin"))
				.filter((bin) -> Files.isExecutable(bin.resolve("pg_ctl")))
				.max(Comparator.comparing((Path bin) -> Integer.parseInt(bin.getParent().getFileName().toString())))
				.orElseThrow(() -> new IllegalStateException("No PostgreSQL binaries: set USERCENTER_TEST_PG_BIN"));
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
