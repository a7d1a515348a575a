package com.usercenter.verification;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

import com.usercenter.changes.BatchedDeletes;
import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.web.ClientIp;
import com.usercenter.limit.Limit;
import com.usercenter.limit.Limiter;
import com.usercenter.secrets.Digests;
import com.usercenter.secrets.SecretBox;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues image captchas and checks answers. The answer is stored only as a keyed hash; a
 * check uses the captcha up, right or wrong, so each image gets one guess.
 */
@Service
public class CaptchaService {

	private static final String PURPOSE = "captcha";

	private final JdbcClient jdbc;

	private final SecretBox box;

	private final VerificationSettings settings;

	private final Clock clock;

	private final CaptchaImage images = new CaptchaImage();

	private final Limiter limiter;

	private final BatchedDeletes deletes;

	CaptchaService(JdbcClient jdbc, SecretBox box, VerificationSettings settings, Clock clock, Limiter limiter,
			BatchedDeletes deletes) {
		this.deletes = deletes;
		this.limiter = limiter;
		this.jdbc = jdbc;
		this.box = box;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * A new captcha, at most {@code captchas-per-ip-minute} per client address (42900
	 * past that): each one costs a row and an image. One statement, no transaction.
	 */
	public CaptchaChallenge issue() {
		this.limiter.take(Limit.of("captcha-ip", this.settings.captchasPerIpMinute(), Duration.ofMinutes(1)),
				ClientIp.currentAddress());
		String key = Digests.randomToken(18);
		String text = this.images.randomText();
		this.jdbc.sql("insert into captcha (captcha_key, answer_hash, expires_at) values (:key, :hash, :expires)")
			.param("key", key)
			.param("hash", hash(key, text))
			.param("expires", Timestamp.from(this.clock.instant().plus(this.settings.captchaTtl())))
			.update();
		String image = "data:image/png;base64," + Base64.getEncoder().encodeToString(this.images.png(text));
		return new CaptchaChallenge(key, image, this.settings.captchaTtl().toSeconds());
	}

	/**
	 * Uses up the captcha and checks the answer, case-insensitively. The captcha is spent
	 * the moment it is checked, whatever happens to the request afterwards: the delete
	 * commits on its own, outside any transaction of the caller.
	 * @throws ApiException 40003 when the captcha is unknown, used, expired or answered
	 * wrong
	 */
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	public void check(String key, String answer) {
		if (key == null || answer == null || key.length() > 64 || answer.length() > 16) {
			throw new ApiException(ErrorCode.CAPTCHA_INVALID);
		}
		Stored stored = this.jdbc.sql("delete from captcha where captcha_key = :key returning answer_hash, expires_at")
			.param("key", key)
			.query((rs, row) -> new Stored(rs.getString(1), rs.getTimestamp(2).toInstant()))
			.optional()
			.orElseThrow(() -> new ApiException(ErrorCode.CAPTCHA_INVALID));
		if (!this.clock.instant().isBefore(stored.expiresAt())
				|| !Digests.constantTimeEquals(stored.answerHash(), hash(key, answer.trim()))) {
			throw new ApiException(ErrorCode.CAPTCHA_INVALID);
		}
	}

	int deleteExpired(Instant now) {
		return this.deletes.delete("captcha", "expires_at < :now", Map.of("now", Timestamp.from(now)));
	}

	private String hash(String key, String answer) {
		return this.box.keyedHash(PURPOSE, key + ":" + answer.toUpperCase(Locale.ROOT));
	}

	private record Stored(String answerHash, Instant expiresAt) {
	}

}
