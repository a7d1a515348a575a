package com.usercenter.profile;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * What an image file declares, read from its header by this class, before any decoder
 * sees the file: the shape, the bytes of one source row and of one decoded pixel, and the
 * bytes a decoder must hold for the whole image whatever the subsampling (libjpeg keeps
 * every coefficient of a progressive or multi-scan JPEG). Answers null for a header it
 * cannot read.
 *
 * @param width declared width in pixels
 * @param height declared height in pixels
 * @param rowBytes bytes of one source row as the decoder holds it
 * @param pixelBytes bytes of one decoded pixel
 * @param wholeImageBytes bytes the decoder holds for the whole image regardless of
 * subsampling (0 where it needs none)
 * @param subsamples whether the decoder reads only the pixels it keeps
 */
record ImageHeader(long width, long height, long rowBytes, int pixelBytes, long wholeImageBytes, boolean subsamples) {

	static ImageHeader read(byte[] bytes, String format) {
		try {
			return switch (format) {
				case "png" -> png(bytes);
				case "jpeg" -> jpeg(bytes);
				case "webp" -> webp(bytes);
				default -> null;
			};
		}
		catch (IndexOutOfBoundsException ex) {
			return null;
		}
	}

	/** The IHDR chunk, which must come first. */
	private static ImageHeader png(byte[] bytes) {
		ByteBuffer in = ByteBuffer.wrap(bytes);
		if (in.getInt(8) != 13 || in.getInt(12) != 0x49484452) {
			return null;
		}
		long width = Integer.toUnsignedLong(in.getInt(16));
		long height = Integer.toUnsignedLong(in.getInt(20));
		int depth = bytes[24];
		int channels = switch (bytes[25]) {
			case 0, 3 -> 1;
			case 2 -> 3;
			case 4 -> 2;
			case 6 -> 4;
			default -> 0;
		};
		if (channels == 0 || (depth != 1 && depth != 2 && depth != 4 && depth != 8 && depth != 16)) {
			return null;
		}
		long rowBytes = (width * channels * depth + 7) / 8;
		return new ImageHeader(width, height, rowBytes, channels * Math.max(1, depth / 8), 0, true);
	}

	/**
	 * The first frame header (SOF0 baseline, SOF1 extended or SOF2 progressive, Huffman,
	 * 8-bit, grey or three components), the markers before it skipped by their lengths.
	 */
	private static ImageHeader jpeg(byte[] bytes) {
		int at = 2;
		while (true) {
			if ((bytes[at] & 0xFF) != 0xFF) {
				return null;
			}
			while ((bytes[at] & 0xFF) == 0xFF) {
				at++;
			}
			int marker = bytes[at++] & 0xFF;
			int length = ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
			if (marker == 0xC0 || marker == 0xC1 || marker == 0xC2) {
				return jpegFrame(bytes, at, marker == 0xC2, at - 2);
			}
			if ((marker >= 0xC3 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC)
					|| marker == 0xDA || marker == 0xD9 || length < 2) {
				// another coding, or image data before any frame header
				return null;
			}
			at += length;
		}
	}

	private static ImageHeader jpegFrame(byte[] bytes, int at, boolean progressive, int frameStart) {
		int precision = bytes[at + 2] & 0xFF;
		long height = ((bytes[at + 3] & 0xFF) << 8) | (bytes[at + 4] & 0xFF);
		long width = ((bytes[at + 5] & 0xFF) << 8) | (bytes[at + 6] & 0xFF);
		int components = bytes[at + 7] & 0xFF;
		if (precision != 8 || (components != 1 && components != 3)) {
			return null;
		}
		int maxH = 1;
		int maxV = 1;
		int[] h = new int[components];
		int[] v = new int[components];
		for (int c = 0; c < components; c++) {
			int sampling = bytes[at + 9 + 3 * c] & 0xFF;
			h[c] = sampling >> 4;
			v[c] = sampling & 0x0F;
			if (h[c] < 1 || h[c] > 4 || v[c] < 1 || v[c] > 4) {
				return null;
			}
			maxH = Math.max(maxH, h[c]);
			maxV = Math.max(maxV, v[c]);
		}
		long coefficients = 0;
		if (progressive || scans(bytes, frameStart) > 1) {
			// a full-image coefficient buffer: 64 two-byte coefficients a block, every
			// component's blocks padded to whole MCUs
			for (int c = 0; c < components; c++) {
				long blocksWide = ceil(width, 8L * maxH) * h[c];
				long blocksHigh = ceil(height, 8L * maxV) * v[c];
				coefficients += blocksWide * blocksHigh * 128;
			}
		}
		return new ImageHeader(width, height, width * components, components, coefficients, true);
	}

	/**
	 * Scans of the image, from its frame header to its end: each segment skipped by its
	 * length, each scan's entropy-coded data up to the next marker that is neither a
	 * stuffed byte nor a restart. What comes before the frame (an EXIF thumbnail) or
	 * after the end (a phone's second image) is not counted.
	 */
	private static int scans(byte[] bytes, int from) {
		int scans = 0;
		int at = from;
		while (at + 3 < bytes.length && (bytes[at] & 0xFF) == 0xFF) {
			int marker = bytes[at + 1] & 0xFF;
			if (marker == 0xFF) {
				at++;
				continue;
			}
			if (marker == 0xD9) {
				break;
			}
			at += 2 + (((bytes[at + 2] & 0xFF) << 8) | (bytes[at + 3] & 0xFF));
			if (marker == 0xDA) {
				scans++;
				while (at + 1 < bytes.length && !isMarker(bytes[at], bytes[at + 1])) {
					at++;
				}
			}
		}
		return scans;
	}

	private static boolean isMarker(byte first, byte second) {
		int next = second & 0xFF;
		return (first & 0xFF) == 0xFF && next != 0 && (next < 0xD0 || next > 0xD7);
	}

	/** The first chunk: VP8 (lossy), VP8L (lossless) or VP8X (extended, its canvas). */
	private static ImageHeader webp(byte[] bytes) {
		ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
		String chunk = new String(bytes, 12, 4, java.nio.charset.StandardCharsets.US_ASCII);
		int data = 20;
		long width;
		long height;
		switch (chunk) {
			case "VP8 " -> {
				if ((bytes[data + 3] & 0xFF) != 0x9D || (bytes[data + 4] & 0xFF) != 0x01
						|| (bytes[data + 5] & 0xFF) != 0x2A) {
					return null;
				}
				width = in.getShort(data + 6) & 0x3FFF;
				height = in.getShort(data + 8) & 0x3FFF;
			}
			case "VP8L" -> {
				if ((bytes[data] & 0xFF) != 0x2F) {
					return null;
				}
				int bits = in.getInt(data + 1);
				width = (bits & 0x3FFF) + 1;
				height = ((bits >>> 14) & 0x3FFF) + 1;
			}
			case "VP8X" -> {
				width = (in.getInt(data + 4) & 0xFFFFFF) + 1L;
				height = (in.getInt(data + 7) & 0xFFFFFF) + 1L;
			}
			default -> {
				return null;
			}
		}
		// the whole image is decoded, 4 bytes a pixel
		return new ImageHeader(width, height, width * 4, 4, width * height * 4, false);
	}

	private static long ceil(long value, long divisor) {
		return (value + divisor - 1) / divisor;
	}

}
