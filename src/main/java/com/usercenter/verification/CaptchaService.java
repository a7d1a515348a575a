package com.usercenter.verification;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;

import com.usercenter.core.ApiException;
import com.usercenter.core.Digests;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.SecretBox;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
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

	CaptchaService(JdbcClient jdbc, SecretBox box, VerificationSettings settings, Clock clock) {
		this.jdbc = jdbc;
		this.box = box;
		this.settings = settings;
		this.clock = clock;
	}

	@Transactional
	public CaptchaChallenge issue() {
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
	 * Uses up the captcha and checks the answer, case-insensitively.
	 * @throws ApiException 40003 when the captcha is unknown, used, expired or answered
	 * wrong
	 */
	@Transactional(noRollbackFor = ApiException.class)
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

	@Transactional
	int deleteExpired(Instant now) {
		return this.jdbc.sql("delete from captcha where expires_at < :now").param("now", Timestamp.from(now)).update();
	}

	private String hash(String key, String answer) {
		return this.box.keyedHash(PURPOSE, key + ":" + answer.toUpperCase(Locale.ROOT));
	}

	private record Stored(String answerHash, Instant expiresAt) {
	}

}
