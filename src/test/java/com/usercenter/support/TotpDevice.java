package com.usercenter.support;

import java.security.InvalidKeyException;
import java.time.Duration;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.HmacOneTimePasswordGenerator;
import org.bouncycastle.util.encoders.Base32;

/**
 * An authenticator app in a test: the secret of an enrolment, and codes of the steps
 * around the test clock's now (the clock the service runs on), each step used once, as
 * the service accepts a code only once.
 */
public final class TotpDevice {

	private final byte[] secret;

	private long lastStep;

	public TotpDevice(String base32Secret) {
		String padded = base32Secret + "=".repeat((8 - base32Secret.length() % 8) % 8);
		this.secret = Base32.decode(padded);
	}

	/**
	 * A code of a step after every step this device gave a code for, within the one step
	 * of drift the service accepts; the test clock moves on when those are used up.
	 */
	public synchronized String nextCode() {
		long current = currentStep();
		long step = Math.max(this.lastStep + 1, current - 1);
		if (step > current + 1) {
			TestClock.advance(Duration.ofSeconds(30 * (step - current - 1)));
		}
		this.lastStep = step;
		return codeAt(step);
	}

	/** The code of a step (RFC 6238 defaults: HMAC-SHA1, 6 digits, 30 s). */
	public String codeAt(long step) {
		try {
			return new HmacOneTimePasswordGenerator(6)
				.generateOneTimePasswordString(new SecretKeySpec(this.secret, "HmacSHA1"), step);
		}
		catch (InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static long currentStep() {
		return Math.floorDiv(TestClock.now().getEpochSecond(), 30);
	}

}
