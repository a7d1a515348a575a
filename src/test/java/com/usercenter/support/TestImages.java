package com.usercenter.support;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Image files built in the test, most of them small files that declare a large or costly
 * image: what a decoder would allocate for them, not their size, is the attack.
 */
public final class TestImages {

	private TestImages() {
	}

	/**
	 * Each accepted format (and one refused) at the shape that costs its decoder most, by
	 * name: every one is a few KB.
	 */
	public static Map<String, byte[]> worstShapes() {
		Map<String, byte[]> shapes = new LinkedHashMap<>();
		// the JDK's PNG reader allocates whole source rows: 44e6 x 6 bytes, three times
		shapes.put("PNG 44000000x1 16-bit RGB", png(44_000_000, 1, 16, 2, 0));
		shapes.put("PNG 12000000x4 16-bit RGBA interlaced", png(12_000_000, 4, 16, 6, 1));
		shapes.put("PNG 50000000x1 8-bit grey", png(50_000_000, 1, 8, 0, 0));
		shapes.put("PNG 100000x500 8-bit RGBA", png(100_000, 500, 8, 6, 0));
		shapes.put("PNG 16384x3000 16-bit RGBA", png(16_384, 3_000, 16, 6, 0));
		// libjpeg keeps every coefficient of a progressive (or multi-scan) image: 2 bytes
		// a
		// sample of the whole image
		shapes.put("JPEG progressive 7000x7000 4:4:4", jpegDeclaring(7000, 7000, true));
		shapes.put("JPEG baseline 65535x700", jpegDeclaring(65_535, 700, false));
		shapes.put("JPEG progressive 65535x65535", jpegDeclaring(65_535, 65_535, true));
		shapes.put("WebP lossless 16384x244", webpLossless(16_384, 244));
		shapes.put("WebP extended canvas 16777216x1", webpExtended(16_777_216, 1));
		shapes.put("GIF 65535x65535", gif(65_535, 65_535));
		return shapes;
	}

	/**
	 * A PNG of black 8-bit RGB pixels, compressed to almost nothing however large it
	 * claims to be.
	 */
	public static byte[] blackPng(int width, int height) {
		Deflater deflater = new Deflater(9);
		ByteArrayOutputStream compressed = new ByteArrayOutputStream();
		byte[] row = new byte[1 + width * 3];
		byte[] buffer = new byte[64 * 1024];
		for (int y = 0; y < height; y++) {
			deflater.setInput(row);
			while (!deflater.needsInput()) {
				int n = deflater.deflate(buffer);
				compressed.write(buffer, 0, n);
			}
		}
		deflater.finish();
		while (!deflater.finished()) {
			int n = deflater.deflate(buffer);
			compressed.write(buffer, 0, n);
		}
		return png(width, height, 8, 2, 0, compressed.toByteArray());
	}

	/**
	 * A PNG header declaring the given shape, followed by the start of its first row
	 * only: a decoder allocates its rows before it finds the data missing.
	 */
	public static byte[] png(int width, int height, int bitDepth, int colorType, int interlace) {
		Deflater deflater = new Deflater(9);
		deflater.setInput(new byte[4096]);
		deflater.finish();
		byte[] buffer = new byte[4096];
		int n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
		byte[] start = new byte[n];
		System.arraycopy(buffer, 0, start, 0, n);
		return png(width, height, bitDepth, colorType, interlace, start);
	}

	private static byte[] png(int width, int height, int bitDepth, int colorType, int interlace, byte[] idat) {
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		png.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A });
		chunk(png, "IHDR",
				ByteBuffer.allocate(13)
					.putInt(width)
					.putInt(height)
					.put((byte) bitDepth)
					.put((byte) colorType)
					.put((byte) 0)
					.put((byte) 0)
					.put((byte) interlace)
					.array());
		chunk(png, "IDAT", idat);
		chunk(png, "IEND", new byte[0]);
		return png.toByteArray();
	}

	/** A real JPEG of the given size, progressive or baseline. */
	public static byte[] jpeg(int width, int height, boolean progressive) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				image.setRGB(x, y, (x * 7) ^ (y * 13));
			}
		}
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
			writer.setOutput(stream);
			ImageWriteParam param = writer.getDefaultWriteParam();
			if (progressive) {
				param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
			}
			writer.write(null, new IIOImage(image, null, null), param);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			writer.dispose();
		}
		return out.toByteArray();
	}

	/**
	 * A small real JPEG whose frame header says it is width x height: a decoder sizes its
	 * buffers from that header.
	 */
	public static byte[] jpegDeclaring(int width, int height, boolean progressive) {
		byte[] jpeg = jpeg(16, 16, progressive);
		for (int i = 2; i + 9 < jpeg.length; i++) {
			int marker = jpeg[i + 1] & 0xFF;
			if ((jpeg[i] & 0xFF) == 0xFF && (marker == 0xC0 || marker == 0xC2)) {
				jpeg[i + 5] = (byte) (height >> 8);
				jpeg[i + 6] = (byte) height;
				jpeg[i + 7] = (byte) (width >> 8);
				jpeg[i + 8] = (byte) width;
				if (progressive) {
					// 4:4:4: every component at full resolution
					for (int c = 0; c < (jpeg[i + 9] & 0xFF); c++) {
						jpeg[i + 11 + 3 * c] = 0x11;
					}
				}
				return jpeg;
			}
		}
		throw new IllegalStateException("no frame header");
	}

	/** A lossless WebP (VP8L) header declaring width x height. */
	public static byte[] webpLossless(int width, int height) {
		long bits = (width - 1) | ((long) (height - 1) << 14) | (1L << 28);
		ByteBuffer vp8l = ByteBuffer.allocate(5 + 16).order(ByteOrder.LITTLE_ENDIAN);
		vp8l.put((byte) 0x2F).putInt((int) bits);
		return riff("VP8L", vp8l.array());
	}

	/**
	 * An extended WebP (VP8X) declaring a canvas of width x height, then a tiny frame.
	 */
	public static byte[] webpExtended(int width, int height) {
		ByteBuffer vp8x = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
		vp8x.putInt(0);
		put24(vp8x, width - 1);
		put24(vp8x, height - 1);
		ByteArrayOutputStream chunks = new ByteArrayOutputStream();
		riffChunk(chunks, "VP8X", vp8x.array());
		ByteBuffer vp8l = ByteBuffer.allocate(21).order(ByteOrder.LITTLE_ENDIAN);
		vp8l.put((byte) 0x2F).putInt((int) (1L << 28));
		riffChunk(chunks, "VP8L", vp8l.array());
		return riffOf(chunks.toByteArray());
	}

	/** A GIF header declaring width x height. */
	public static byte[] gif(int width, int height) {
		ByteBuffer gif = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
		gif.put("GIF89a".getBytes(StandardCharsets.US_ASCII)).putShort((short) width).putShort((short) height);
		return gif.array();
	}

	private static byte[] riff(String type, byte[] data) {
		ByteArrayOutputStream chunks = new ByteArrayOutputStream();
		riffChunk(chunks, type, data);
		return riffOf(chunks.toByteArray());
	}

	private static byte[] riffOf(byte[] chunks) {
		ByteBuffer riff = ByteBuffer.allocate(12 + chunks.length).order(ByteOrder.LITTLE_ENDIAN);
		riff.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + chunks.length);
		riff.put("WEBP".getBytes(StandardCharsets.US_ASCII)).put(chunks);
		return riff.array();
	}

	private static void riffChunk(ByteArrayOutputStream out, String type, byte[] data) {
		ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
		header.put(type.getBytes(StandardCharsets.US_ASCII)).putInt(data.length);
		out.writeBytes(header.array());
		out.writeBytes(data);
		if (data.length % 2 == 1) {
			out.write(0);
		}
	}

	private static void put24(ByteBuffer buffer, int value) {
		buffer.put((byte) value).put((byte) (value >> 8)).put((byte) (value >> 16));
	}

	private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
		byte[] name = type.getBytes(StandardCharsets.US_ASCII);
		out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
		out.writeBytes(name);
		out.writeBytes(data);
		CRC32 crc = new CRC32();
		crc.update(name);
		crc.update(data);
		out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
	}

}
