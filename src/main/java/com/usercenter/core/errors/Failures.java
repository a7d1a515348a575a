package com.usercenter.core.errors;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.StringJoiner;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a failure is written to the log: its types and stack frames, never its message.
 * Messages are other people's words: an HTTP client's names the URL with its query (an
 * app secret, a user's token), a database's names the row (a mobile number), a parser's
 * quotes the body. The frames are ours and say where it went wrong.
 */
public final class Failures {

	private static final Logger log = LoggerFactory.getLogger(Failures.class);

	/** Deep enough for any real chain; a loop or a malicious depth stops here. */
	private static final int MAX_DEPTH = 16;

	private Failures() {
	}

	/**
	 * The chain's types, outermost first:
	 * {@code IllegalStateException <- URISyntaxException}.
	 */
	public static String types(Throwable failure) {
		StringJoiner types = new StringJoiner(" <- ");
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Throwable t = failure; t != null && seen.add(t) && seen.size() <= MAX_DEPTH; t = t.getCause()) {
			types.add(t.getClass().getName());
		}
		return types.toString();
	}

	/**
	 * A copy of the failure to hand to a logger: every exception of the chain (causes and
	 * suppressed ones) as a {@link Withheld} naming its type, with its own stack frames,
	 * and no message.
	 */
	public static Throwable redacted(Throwable failure) {
		return copy(failure, Collections.newSetFromMap(new IdentityHashMap<>()), 0);
	}

	/** For threads of our own: an uncaught failure is logged redacted, as an ERROR. */
	public static void uncaught(Thread thread, Throwable failure) {
		log.error("Unexpected failure on thread {}", thread.getName(), redacted(failure));
	}

	private static Withheld copy(Throwable original, Set<Throwable> seen, int depth) {
		seen.add(original);
		Throwable cause = original.getCause();
		boolean deeper = depth < MAX_DEPTH;
		Withheld copy = new Withheld(original,
				(deeper && cause != null && !seen.contains(cause)) ? copy(cause, seen, depth + 1) : null);
		if (deeper) {
			for (Throwable suppressed : original.getSuppressed()) {
				if (!seen.contains(suppressed)) {
					copy.addSuppressed(copy(suppressed, seen, depth + 1));
				}
			}
		}
		return copy;
	}

	/**
	 * Stands in for a failure in the log: its message is the original's type, its stack
	 * the original's frames.
	 */
	public static final class Withheld extends RuntimeException {

		private Withheld(Throwable original, Withheld cause) {
			super(original.getClass().getName() + " (message withheld)", cause, true, true);
			setStackTrace(original.getStackTrace());
		}

		@Override
		public synchronized Throwable fillInStackTrace() {
			// the original's frames are set instead
			return this;
		}

	}

}
