package com.usercenter.support;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Keeps a copy of everything the test JVM prints (every application context logs to the
 * console) in {@code target/suite-output.log}, from before the first test starts, so the
 * whole run's log can be searched afterwards.
 */
public class SuiteLog implements LauncherSessionListener {

	/**
	 * {@code target/suite-output.log}, or {@code usercenter.suite-log} for a run in a JVM
	 * of its own (pom.xml), so that run keeps the main run's copy.
	 */
	public static final Path FILE = Path.of(System.getProperty("usercenter.suite-log", "target/suite-output.log"));

	private static OutputStream copy;

	@Override
	public synchronized void launcherSessionOpened(LauncherSession session) {
		if (copy != null) {
			return;
		}
		try {
			Files.createDirectories(FILE.getParent());
			copy = new FileOutputStream(FILE.toFile());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		System.setOut(tee(System.out));
		System.setErr(tee(System.err));
	}

	private static PrintStream tee(PrintStream original) {
		return new PrintStream(new OutputStream() {

			@Override
			public void write(int b) {
				original.write(b);
				synchronized (SuiteLog.class) {
					try {
						copy.write(b);
					}
					catch (IOException ex) {
						// the copy is a witness, never a reason for a test to fail
					}
				}
			}

			@Override
			public void write(byte[] bytes, int offset, int length) {
				original.write(bytes, offset, length);
				synchronized (SuiteLog.class) {
					try {
						copy.write(bytes, offset, length);
					}
					catch (IOException ex) {
						// as above
					}
				}
			}

			@Override
			public void flush() {
				original.flush();
				synchronized (SuiteLog.class) {
					try {
						copy.flush();
					}
					catch (IOException ex) {
						// as above
					}
				}
			}

		}, true, StandardCharsets.UTF_8);
	}

}
