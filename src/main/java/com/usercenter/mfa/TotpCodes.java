package com.usercenter.mfa;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

import javax.crypto.spec.SecretKeySpec;
import javax.imageio.ImageIO;

import com.eatthepath.otp.HmacOneTimePasswordGenerator;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.bouncycastle.util.encoders.Base32;

/**
 * TOTP as RFC 6238 and every authenticator app have it: HMAC-SHA1, 6 digits, 30-second
 * steps, a code from the step before or after also accepted (one step of drift). The
 * codes come from java-otp's HOTP generator (RFC 4226) at counter = step; this class only
 * picks the steps and compares in constant time.
 */
final class TotpCodes {

	static final long STEP_SECONDS = 30;

	static final int DIGITS = 6;

	/** 160 bits, the HMAC-SHA1 block RFC 4226 recommends for the shared secret. */
	static final int SECRET_BYTES = 20;

	private static final HmacOneTimePasswordGenerator HOTP = new HmacOneTimePasswordGenerator(DIGITS);

	private static final SecureRandom RANDOM = new SecureRandom();

	private TotpCodes() {
	}

	static byte[] newSecret() {
		byte[] secret = new byte[SECRET_BYTES];
		RANDOM.nextBytes(secret);
		return secret;
	}

	static long stepAt(Instant now) {
		return Math.floorDiv(now.getEpochSecond(), STEP_SECONDS);
	}

	/** The code of one step, zero-padded to six digits. */
	static String codeAt(byte[] secret, long step) {
		try {
			return HOTP.generateOneTimePasswordString(new SecretKeySpec(secret, "HmacSHA1"), step, Locale.ROOT);
		}
		catch (InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The step whose code this is, among the current step and one on either side; every
	 * candidate is computed and compared, so the time taken says nothing about which.
	 */
	static OptionalLong matchingStep(byte[] secret, String code, Instant now) {
		if (code == null || code.length() != DIGITS) {
			return OptionalLong.empty();
		}
		byte[] given = code.getBytes(StandardCharsets.US_ASCII);
		long current = stepAt(now);
		long found = Long.MIN_VALUE;
		for (long step = current - 1; step <= current + 1; step++) {
			if (MessageDigest.isEqual(given, codeAt(secret, step).getBytes(StandardCharsets.US_ASCII))) {
				found = Math.max(found, step);
			}
		}
		return (found == Long.MIN_VALUE) ? OptionalLong.empty() : OptionalLong.of(found);
	}

	/** The secret as authenticator apps take it: RFC 4648 base32, without padding. */
	static String base32(byte[] secret) {
		return Base32.toBase32String(secret).replace("=", "");
	}

	/**
	 * The Key Uri Format authenticator apps scan: {@code otpauth://totp/Issuer:label}
	 * with the secret, the issuer and the parameters spelled out.
	 */
	static String otpauthUri(String issuer, String label, byte[] secret) {
		return "otpauth://totp/" + encode(issuer) + ":" + encode(label) + "?secret=" + base32(secret) + "&issuer="
				+ encode(issuer) + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
	}

	/** A QR code of the URI as a {@code data:image/png;base64,...} URL. */
	static String qrCode(String uri) {
		Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
		hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
		hints.put(EncodeHintType.MARGIN, 2);
		try {
			BitMatrix matrix = new QRCodeWriter().encode(uri, BarcodeFormat.QR_CODE, 240, 240, hints);
			BufferedImage image = new BufferedImage(matrix.getWidth(), matrix.getHeight(),
					BufferedImage.TYPE_BYTE_BINARY);
			for (int y = 0; y < matrix.getHeight(); y++) {
				for (int x = 0; x < matrix.getWidth(); x++) {
					image.setRGB(x, y, matrix.get(x, y) ? 0xFF000000 : 0xFFFFFFFF);
				}
			}
			ByteArrayOutputStream png = new ByteArrayOutputStream();
			ImageIO.write(image, "png", png);
			return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
		}
		catch (WriterException ex) {
			throw new IllegalStateException(ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
