package com.usercenter.profile;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;

/**
 * Turns an upload into a clean PNG: the type is told by the file's first bytes (not its
 * name or Content-Type), only PNG, JPEG and WebP are read, and the pixels alone are
 * written out again, so no metadata or trailing payload survives. A small file can
 * declare a huge image (a 261 KB PNG of 8192x8192 zeros, a 4 KB PNG of 44,000,000x1
 * 16-bit pixels whose rows the JDK's reader allocates whole): the header is read here
 * ({@link ImageHeader}) and the image refused before any decoder sees it when a side is
 * longer than {@link #MAX_SIDE}, a source row costs more than {@link #MAX_ROW_BYTES}, it
 * has more than {@link #MAX_PIXELS}, or what its decoder must hold whole (a WebP, a
 * progressive JPEG's coefficients) passes its budget. What is decoded is subsampled while
 * it is read, so no upload costs more than {@link #DECODE_BUDGET_BYTES} of pixels; about
 * {@link #MEMORY_PER_DECODE} in all, which {@link AvatarService} counts against the
 * memory budget.
 */
final class AvatarImages {

	/** The most pixels an upload may declare: a 48-megapixel phone photo passes. */
	static final long MAX_PIXELS = 50_000_000L;

	/** The longest side an upload may declare (WebP's own limit). */
	static final long MAX_SIDE = 16_384;

	/**
	 * The most bytes one source row may take as its decoder holds it (the JDK's PNG
	 * reader keeps about three): 16,384 pixels of 8-bit RGBA, 8,192 of 16-bit RGBA.
	 */
	static final long MAX_ROW_BYTES = 64 * 1024;

	/** The most bytes of decoded pixels one upload may cost. */
	static final long DECODE_BUDGET_BYTES = 8L * 1024 * 1024;

	/**
	 * What a decoder may hold for the whole image whatever is subsampled: a WebP decoded
	 * whole (2 megapixels), a progressive JPEG's coefficients (12 MP at 4:2:0, 6 MP at
	 * 4:4:4; outside the heap, in libjpeg).
	 */
	static final long WHOLE_IMAGE_BUDGET_BYTES = 36L * 1024 * 1024;

	/**
	 * The heap one decode holds at most: its pixels, a converted copy for scaling, rows
	 * and the stored image.
	 */
	static final long MEMORY_PER_DECODE = 2 * DECODE_BUDGET_BYTES + 4L * 1024 * 1024;

	static {
		// decode in memory: no temporary files for uploads
		ImageIO.setUseCache(false);
	}

	private AvatarImages() {
	}

	static byte[] normalize(byte[] upload, int maxSide) {
		String format = sniff(upload);
		if (format == null) {
			throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
		}
		BufferedImage image = decode(upload, format, maxSide);
		return encode(scaleDown(image, maxSide));
	}

	static String sniff(byte[] bytes) {
		if (starts(bytes, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
			return "png";
		}
		if (starts(bytes, 0, 0xFF, 0xD8, 0xFF)) {
			return "jpeg";
		}
		if (starts(bytes, 0, 'R', 'I', 'F', 'F') && starts(bytes, 8, 'W', 'E', 'B', 'P')) {
			return "webp";
		}
		return null;
	}

	private static BufferedImage decode(byte[] bytes, String format, int maxSide) {
		ImageHeader header = ImageHeader.read(bytes, format);
		if (header == null) {
			throw unreadable();
		}
		refuseCostly(header, format);
		try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
			Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
			if (input == null || !readers.hasNext()) {
				throw unreadable();
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(input, true, true);
				int width = reader.getWidth(0);
				int height = reader.getHeight(0);
				if (width != header.width() || height != header.height()) {
					// the reader would size its buffers from something else than was
					// checked
					throw unreadable();
				}
				ImageReadParam param = reader.getDefaultReadParam();
				int step = header.subsamples() ? subsampling(width, height, header.pixelBytes(), maxSide) : 1;
				param.setSourceSubsampling(step, step, 0, 0);
				BufferedImage image = reader.read(0, param);
				if (image == null) {
					throw unreadable();
				}
				return image;
			}
			finally {
				reader.dispose();
			}
		}
		catch (IOException | RuntimeException ex) {
			if (ex instanceof ApiException api) {
				throw api;
			}
			throw unreadable();
		}
	}

	/**
	 * Refuses, from the header alone, an image whose decoding would cost more than one
	 * upload may: memory that grows with the width or the height on its own is checked on
	 * its own.
	 */
	static void refuseCostly(ImageHeader header, String format) {
		if (header.width() < 1 || header.height() < 1) {
			throw unreadable();
		}
		if (header.width() > MAX_SIDE || header.height() > MAX_SIDE) {
			throw ApiException.invalid("file", "a side of the image is longer than " + MAX_SIDE + " pixels");
		}
		if (header.rowBytes() > MAX_ROW_BYTES) {
			throw ApiException.invalid("file", "the image is too wide for its colour depth");
		}
		if (header.width() * header.height() > MAX_PIXELS) {
			throw ApiException.invalid("file", "the image has too many pixels");
		}
		long whole = header.wholeImageBytes();
		if (whole > WHOLE_IMAGE_BUDGET_BYTES || (!header.subsamples() && whole > DECODE_BUDGET_BYTES)) {
			throw ApiException.invalid("file", "the image has too many pixels for a " + format.toUpperCase(Locale.ROOT)
					+ ("jpeg".equals(format) ? " of this kind (progressive)" : ""));
		}
	}

	/**
	 * Every n-th pixel of every n-th row: enough to keep twice the stored size for a
	 * smooth scale-down, and always few enough to fit the budget.
	 */
	static int subsampling(int width, int height, int pixelBytes, int maxSide) {
		int step = Math.max(1, Math.max(width, height) / (2 * maxSide));
		while (((long) width / step) * ((long) height / step) * pixelBytes > DECODE_BUDGET_BYTES) {
			step++;
		}
		return step;
	}

	private static BufferedImage scaleDown(BufferedImage image, int maxSide) {
		int width = image.getWidth();
		int height = image.getHeight();
		double scale = Math.min(1.0, (double) maxSide / Math.max(width, height));
		int w = Math.max(1, (int) Math.round(width * scale));
		int h = Math.max(1, (int) Math.round(height * scale));
		BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
		Graphics2D g = out.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
		g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
		g.drawImage(image, 0, 0, w, h, null);
		g.dispose();
		return out;
	}

	private static byte[] encode(BufferedImage image) {
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			ImageIO.write(image, "png", out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static boolean starts(byte[] bytes, int offset, int... expected) {
		if (bytes.length < offset + expected.length) {
			return false;
		}
		for (int i = 0; i < expected.length; i++) {
			if ((bytes[offset + i] & 0xFF) != expected[i]) {
				return false;
			}
		}
		return true;
	}

	private static ApiException unreadable() {
		return ApiException.invalid("file", "is not a readable PNG, JPEG or WebP image");
	}

}
