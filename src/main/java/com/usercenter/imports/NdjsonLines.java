package com.usercenter.imports;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The lines of an NDJSON body as they arrive, one at a time, each at most
 * {@link #MAX_LINE_BYTES}: a longer line is read to its end and thrown away, never held,
 * so a body of any size and any line length costs this reader a 64 KiB buffer and one
 * line. {@code \n} and {@code \r\n} end a line; a UTF-8 byte order mark before the first
 * line is dropped; blank lines are skipped but counted, so line numbers are those an
 * editor shows.
 */
final class NdjsonLines {

	/** The longest line taken: ten times what the largest valid line needs. */
	static final int MAX_LINE_BYTES = 16 * 1024;

	private final InputStream in;

	private final byte[] buffer = new byte[64 * 1024];

	private int position;

	private int limit;

	private boolean ended;

	private byte[] line = new byte[1024];

	private int length;

	private int number;

	NdjsonLines(InputStream in) {
		this.in = in;
	}

	/**
	 * The next line that is not blank, or null at the end of the body.
	 * @throws IOException when the body cannot be read (the client went away, or its
	 * limits were passed)
	 */
	Line next() throws IOException {
		while (true) {
			if (this.ended && this.position >= this.limit) {
				return null;
			}
			this.length = 0;
			boolean tooLong = false;
			boolean complete = false;
			while (!complete) {
				if (this.position >= this.limit && !fill()) {
					break;
				}
				int start = this.position;
				int end = start;
				while (end < this.limit && this.buffer[end] != '\n') {
					end++;
				}
				complete = end < this.limit;
				this.position = complete ? end + 1 : end;
				if (!tooLong) {
					int size = end - start;
					if (this.length + size > MAX_LINE_BYTES + 1) {
						tooLong = true;
					}
					else {
						append(start, size);
					}
				}
			}
			if (!complete && this.length == 0 && !tooLong) {
				return null;
			}
			this.number++;
			if (this.length > 0 && this.line[this.length - 1] == '\r') {
				this.length--;
			}
			if (this.number == 1 && this.length >= 3 && (this.line[0] & 0xff) == 0xef && (this.line[1] & 0xff) == 0xbb
					&& (this.line[2] & 0xff) == 0xbf) {
				System.arraycopy(this.line, 3, this.line, 0, this.length - 3);
				this.length -= 3;
			}
			tooLong = tooLong || this.length > MAX_LINE_BYTES;
			if (tooLong) {
				return new Line(this.number, null);
			}
			if (!blank()) {
				return new Line(this.number, Arrays.copyOf(this.line, this.length));
			}
		}
	}

	private boolean fill() throws IOException {
		if (this.ended) {
			return false;
		}
		int n = this.in.read(this.buffer, 0, this.buffer.length);
		if (n < 0) {
			this.ended = true;
			this.position = 0;
			this.limit = 0;
			return false;
		}
		this.position = 0;
		this.limit = n;
		return true;
	}

	private void append(int start, int size) {
		if (this.length + size > this.line.length) {
			this.line = Arrays.copyOf(this.line, Math.max(this.line.length * 2, this.length + size));
		}
		System.arraycopy(this.buffer, start, this.line, this.length, size);
		this.length += size;
	}

	private boolean blank() {
		for (int i = 0; i < this.length; i++) {
			byte b = this.line[i];
			if (b != ' ' && b != '\t' && b != '\r') {
				return false;
			}
		}
		return true;
	}

	/**
	 * A line of the body: its number (from 1) and its bytes, null when it was longer than
	 * {@link #MAX_LINE_BYTES}.
	 */
	record Line(int number, byte[] bytes) {

		boolean tooLong() {
			return this.bytes == null;
		}

	}

}
