package com.usercenter.core.errors;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Review 3, finding 4: an unexpected failure is logged by its types and frames, never by
 * a message, which may quote a URL with its secret, a row's contact or a body.
 */
class FailuresUnitTest {

	@Test
	void aRedactedFailureKeepsTypesAndFramesOfTheWholeChainButNoMessage() {
		URISyntaxException cause = new URISyntaxException("https://api.example/t?secret=SECRET-IN-CAUSE", "bad");
		IllegalStateException failure = new IllegalStateException("Could not create URI ?secret=SECRET-ON-TOP", cause);
		failure.addSuppressed(new RuntimeException("Key (mobile)=(+8613800138000) already exists"));

		Throwable redacted = Failures.redacted(failure);
		String printed = printed(redacted);

		assertThat(printed).doesNotContain("SECRET").doesNotContain("13800138000");
		assertThat(printed).contains(IllegalStateException.class.getName(), URISyntaxException.class.getName(),
				RuntimeException.class.getName(), "aRedactedFailureKeepsTypesAndFramesOfTheWholeChainButNoMessage");
		assertThat(redacted.getStackTrace()).isEqualTo(failure.getStackTrace());
		assertThat(redacted.getCause().getStackTrace()).isEqualTo(cause.getStackTrace());
		assertThat(Failures.types(failure))
			.isEqualTo(IllegalStateException.class.getName() + " <- " + URISyntaxException.class.getName());
	}

	@Test
	void aChainThatLoopsIsCopiedOnce() {
		RuntimeException first = new RuntimeException("one");
		RuntimeException second = new RuntimeException("two", first);
		first.initCause(second);

		assertThat(printed(Failures.redacted(first))).doesNotContain("one").doesNotContain("two");
		assertThat(Failures.types(first).split(" <- ")).hasSize(2);
	}

	private static String printed(Throwable failure) {
		StringWriter out = new StringWriter();
		failure.printStackTrace(new PrintWriter(out));
		return out.toString();
	}

}
