package com.usercenter.imports;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NdjsonLinesUnitTest {

	@Test
	void linesEndWithNewlineOrCrlfAndTheLastNeedsNeither() throws IOException {
		assertThat(read("a\nbb\r\nccc")).containsExactly("1:a", "2:bb", "3:ccc");
		assertThat(read("a\n")).containsExactly("1:a");
		assertThat(read("")).isEmpty();
	}

	@Test
	void blankLinesAreSkippedButCountedAndAByteOrderMarkIsDropped() throws IOException {
		assertThat(read("\uFEFF{\"a\":1}\n\n  \r\n\t\n{}\n")).containsExactly("1:{\"a\":1}", "5:{}");
	}

	@Test
	void aLineLongerThanTheLimitIsNotHeldAndTheNextLineIsRead() throws IOException {
		String longLine = "x".repeat(NdjsonLines.MAX_LINE_BYTES + 1);
		String atLimit = "y".repeat(NdjsonLines.MAX_LINE_BYTES);
		assertThat(read("a\n" + longLine + "\n" + atLimit + "\r\nb")).containsExactly("1:a", "2:TOO LONG",
				"3:" + atLimit, "4:b");
		assertThat(read("x".repeat(1_000_000))).containsExactly("1:TOO LONG");
	}

	@Test
	void linesSplitAcrossReadsOfAnyLengthAreWhole() throws IOException {
		StringBuilder body = new StringBuilder();
		List<String> expected = new ArrayList<>();
		for (int i = 1; i <= 5000; i++) {
			String line = "{\"externalId\":\"" + "e".repeat(i % 97) + i + "\"}";
			body.append(line).append('\n');
			expected.add(i + ":" + line);
		}
		byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
		// a stream that hands out 1 to 7 bytes a read, as a slow network would
		InputStream trickle = new InputStream() {
			private int position;

			@Override
			public int read() {
				return (this.position < bytes.length) ? bytes[this.position++] : -1;
			}

			@Override
			public int read(byte[] buffer, int offset, int length) {
				if (this.position >= bytes.length) {
					return -1;
				}
				int n = Math.min(Math.min(length, 1 + this.position % 7), bytes.length - this.position);
				System.arraycopy(bytes, this.position, buffer, offset, n);
				this.position += n;
				return n;
			}
		};
		assertThat(read(new NdjsonLines(trickle))).isEqualTo(expected);
	}

	private static List<String> read(String body) throws IOException {
		return read(new NdjsonLines(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))));
	}

	private static List<String> read(NdjsonLines lines) throws IOException {
		List<String> read = new ArrayList<>();
		NdjsonLines.Line line;
		while ((line = lines.next()) != null) {
			read.add(line.number() + ":"
					+ (line.tooLong() ? "TOO LONG" : new String(line.bytes(), StandardCharsets.UTF_8)));
		}
		return read;
	}

}
