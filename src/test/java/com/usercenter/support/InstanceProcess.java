package com.usercenter.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.usercenter.UserCenterApplication;

/**
 * The service as a process of its own (the test JVM's java and class path), on the run's
 * database, so a test can stop it with SIGTERM or kill it with SIGKILL as an orchestrator
 * would. What it prints goes to {@code target/instance-logs/}, which the suite's log scan
 * reads too.
 */
public final class InstanceProcess implements AutoCloseable {

	/** Where every instance's output is kept. */
	public static final Path LOGS = Path.of("target", "instance-logs");

	private final Process process;

	private final int port;

	private InstanceProcess(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/**
	 * Starts an instance with the run's database and secrets plus {@code arguments}, and
	 * waits until it is ready.
	 */
	public static InstanceProcess start(String name, List<String> arguments) throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		TestDatabase.Coordinates db = TestDatabase.get();
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
				"-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				UserCenterApplication.class.getName(), "--server.port=" + port, "--spring.datasource.url=" + db.url(),
				"--spring.datasource.username=" + db.username(), "--spring.datasource.password=" + db.password(),
				"--spring.datasource.hikari.maximum-pool-size=5",
				"--usercenter.crypto.master-key=" + TestSecrets.masterKey(), "--server.forward-headers-strategy=native",
				"--logging.structured.format.console="));
		command.addAll(arguments);
		Path log = LOGS.resolve("instance-" + name + "-" + port + ".log");
		Files.createDirectories(LOGS);
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		InstanceProcess instance = new InstanceProcess(process, port);
		instance.awaitReady(Duration.ofSeconds(90));
		return instance;
	}

	public int port() {
		return this.port;
	}

	public Process process() {
		return this.process;
	}

	/** SIGTERM, as an orchestrator stops a container. */
	public void terminate() {
		this.process.destroy();
	}

	/** SIGKILL: no shutdown hook, no graceful anything. */
	public void kill() {
		this.process.destroyForcibly();
	}

	/**
	 * Waits for the process to end; its exit status, or -1 when it did not end in time.
	 */
	public int awaitExit(Duration within) throws InterruptedException {
		return this.process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS) ? this.process.exitValue() : -1;
	}

	private void awaitReady(Duration within) throws InterruptedException {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		long deadline = System.nanoTime() + within.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("The instance ended with status " + this.process.exitValue());
			}
			try {
				HttpResponse<Void> ready = client.send(HttpRequest
					.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health/readiness"))
					.timeout(Duration.ofSeconds(2))
					.build(), HttpResponse.BodyHandlers.discarding());
				if (ready.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(200);
		}
		close();
		throw new UncheckedIOException(new IOException("The instance was not ready within " + within));
	}

	/** Ends the process if it still runs. */
	@Override
	public void close() {
		if (this.process.isAlive()) {
			this.process.destroyForcibly();
		}
		try {
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
