package com.usercenter.profile;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;

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
 * declare a huge image (a 261 KB PNG of 8192x8192 zeros): the declared size is read from
 * the header and refused past {@link #MAX_PIXELS} before anything is decoded, and what is
 * decoded is subsampled while it is read, so no upload costs more than
 * {@link #DECODE_BUDGET_BYTES} of pixels whatever it declares. {@link AvatarService} lets
 * only a few decodes run at once.
 */
final class AvatarImages {

	/** The most pixels an upload may declare: a 48-megapixel phone photo passes. */
	static final long MAX_PIXELS = 50_000_000L;

	/**
	 * WebP's reader may not subsample while decoding, so a WebP must fit the budget
	 * whole.
	 */
	static final long MAX_WEBP_PIXELS = 4_000_000L;

	/** The most bytes of decoded pixels one upload may cost (4 bytes a pixel). */
	static final long DECODE_BUDGET_BYTES = 16L * 1024 * 1024;

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
				long pixels = (long) width * height;
				if (width < 1 || height < 1 || pixels > ("webp".equals(format) ? MAX_WEBP_PIXELS : MAX_PIXELS)) {
					throw ApiException.invalid("file", "the image has too many pixels");
				}
				ImageReadParam param = reader.getDefaultReadParam();
				int step = subsampling(width, height, maxSide);
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
	 * Every n-th pixel of every n-th row: enough to keep twice the stored size for a
	 * smooth scale-down, and always few enough to fit the budget.
	 */
	static int subsampling(int width, int height, int maxSide) {
		int step = Math.max(1, Math.max(width, height) / (2 * maxSide));
		while (((long) width / step) * ((long) height / step) * 4 > DECODE_BUDGET_BYTES) {
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
