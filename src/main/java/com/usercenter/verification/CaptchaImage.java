package com.usercenter.verification;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.Random;

import javax.imageio.ImageIO;

/**
 * Draws a captcha that is easy for people and awkward for OCR: characters from an
 * alphabet without look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B), each in its own size,
 * rotation and shear, a sine-wave warp of the whole text, crossing curves in the text's
 * colours, and speckle noise.
 */
final class CaptchaImage {

	static final String ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679";

	static final int LENGTH = 5;

	private static final int WIDTH = 150;

	private static final int HEIGHT = 50;

	private final Random random = new SecureRandom();

	String randomText() {
		StringBuilder text = new StringBuilder(LENGTH);
		for (int i = 0; i < LENGTH; i++) {
			text.append(ALPHABET.charAt(this.random.nextInt(ALPHABET.length())));
		}
		return text.toString();
	}

	byte[] png(String text) {
		BufferedImage glyphs = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = glyphs.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setColor(
				new Color(235 + this.random.nextInt(20), 235 + this.random.nextInt(20), 235 + this.random.nextInt(20)));
		g.fillRect(0, 0, WIDTH, HEIGHT);
		Color[] inks = new Color[text.length()];
		for (int i = 0; i < text.length(); i++) {
			inks[i] = new Color(this.random.nextInt(120), this.random.nextInt(120), this.random.nextInt(120));
			Font font = new Font(Font.SANS_SERIF, Font.BOLD, 30 + this.random.nextInt(6));
			AffineTransform transform = new AffineTransform();
			transform.translate(12 + i * 26 + this.random.nextInt(5), 34 + this.random.nextInt(8));
			transform.rotate(Math.toRadians(this.random.nextInt(50) - 25));
			transform.shear((this.random.nextDouble() - 0.5) * 0.5, 0);
			g.setFont(font.deriveFont(transform));
			g.setColor(inks[i]);
			g.drawString(String.valueOf(text.charAt(i)), 0, 0);
		}
		for (int i = 0; i < 3; i++) {
			g.setColor(inks[this.random.nextInt(inks.length)]);
			g.setStroke(new BasicStroke(1.5f + this.random.nextFloat()));
			g.drawArc(this.random.nextInt(WIDTH / 2) - 20, this.random.nextInt(HEIGHT) - 10, WIDTH,
					20 + this.random.nextInt(HEIGHT), this.random.nextInt(360), 120 + this.random.nextInt(180));
		}
		g.dispose();
		return encode(warpAndSpeckle(glyphs));
	}

	private BufferedImage warpAndSpeckle(BufferedImage source) {
		BufferedImage warped = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
		double amplitude = 2 + this.random.nextDouble() * 2;
		double period = 20 + this.random.nextDouble() * 15;
		double phase = this.random.nextDouble() * Math.PI * 2;
		for (int x = 0; x < WIDTH; x++) {
			int dy = (int) Math.round(amplitude * Math.sin(x / period + phase));
			for (int y = 0; y < HEIGHT; y++) {
				int sy = Math.min(HEIGHT - 1, Math.max(0, y + dy));
				int rgb = source.getRGB(x, sy);
				if (this.random.nextInt(100) < 6) {
					int gray = this.random.nextInt(256);
					rgb = (gray << 16) | (gray << 8) | gray;
				}
				warped.setRGB(x, y, rgb);
			}
		}
		return warped;
	}

	private static byte[] encode(BufferedImage image) {
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			ImageIO.write(image, "png", out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
