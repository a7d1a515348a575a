package com.usercenter.verification;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import com.usercenter.core.ApiException;
import com.usercenter.core.ClientIp;
import com.usercenter.core.Digests;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.SecretBox;
import com.usercenter.core.TooManyRequests;
import com.usercenter.user.UserService;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends, checks and trades one-time codes. Codes are six digits from a secure random
 * source, stored only as keyed hashes; tickets are 256-bit random values stored as
 * SHA-256. All limits are counted from rows in the database under a per-target lock, so
 * they hold across instances and concurrent requests.
 */
@Service
public class VerificationService {

	private static final String CODE_HASH = "verification-code";

	private final CodeStore store;

	private final CaptchaService captchas;

	private final UserService users;

	private final SmsSender sms;

	private final EmailSender email;

	private final MessageSource messages;

	private final SecretBox box;

	private final VerificationSettings settings;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	VerificationService(CodeStore store, CaptchaService captchas, UserService users, SmsSender sms, EmailSender email,
			MessageSource messages, SecretBox box, VerificationSettings settings, Clock clock) {
		this.store = store;
		this.captchas = captchas;
		this.users = users;
		this.sms = sms;
		this.email = email;
		this.messages = messages;
		this.box = box;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Sends a code. A provider failure answers 50200 and rolls everything back, so the
	 * send is not counted. A {@code reset_password} code for an unknown account is
	 * counted like any other but never sent.
	 */
	@Transactional(noRollbackFor = CaptchaRejected.class)
	public CodeSent send(boolean viaEmail, String rawTarget, Purpose purpose, String captchaKey, String captchaCode) {
		Target target = Target.parse(rawTarget, viaEmail, "target");
		Instant now = this.clock.instant();
		String ip = ClientIp.current();
		this.store.lockTarget(target.value());
		requireCaptchaWhenBusy(ip, now, captchaKey, captchaCode);
		this.store.lastSend(target.value(), purpose.value()).ifPresent((last) -> {
			Instant allowed = last.plus(this.settings.resendInterval());
			if (now.isBefore(allowed)) {
				throw new TooManyRequests(secondsUntil(now, allowed));
			}
		});
		CodeStore.Count today = this.store.sendsToTarget(target.value(), now.minus(Duration.ofDays(1)));
		if (today.count() >= this.settings.dailyLimitPerTarget()) {
			throw new TooManyRequests(secondsUntil(now, today.oldest().plus(Duration.ofDays(1))));
		}
		this.store.recordSend(target.value(), purpose.value(), ip, now);
		if (purpose != Purpose.RESET_PASSWORD || accountExists(target)) {
			String code = String.format(Locale.ROOT, "%06d", this.random.nextInt(1_000_000));
			this.store.replaceCode(target.value(), purpose.value(), hash(target, purpose, code), now,
					now.plus(this.settings.codeTtl()));
			deliver(target, purpose, code);
		}
		return new CodeSent(this.settings.codeTtl().toSeconds(), this.settings.resendInterval().toSeconds());
	}

	/**
	 * Trades a right code for a single-use ticket good for the same target and purpose.
	 */
	@Transactional(noRollbackFor = CodeInvalid.class)
	public TicketIssued verify(String rawTarget, Purpose purpose, String code) {
		Target target = Target.parse(rawTarget, "target");
		checkCode(target, purpose, code);
		String ticket = Digests.randomToken(32);
		this.store.saveTicket(Digests.sha256Hex(ticket.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
				target.value(), purpose.value(), this.clock.instant().plus(this.settings.ticketTtl()));
		return new TicketIssued(ticket, this.settings.ticketTtl().toSeconds());
	}

	/**
	 * Proves control of a target for a purpose, by a code or by a ticket (exactly one of
	 * them), and uses it up. Joins the caller's transaction: when the caller fails later,
	 * the code or ticket stays good.
	 */
	@Transactional(noRollbackFor = CodeInvalid.class)
	public void consume(Target target, Purpose purpose, String code, String ticket) {
		if (ticket != null) {
			String hash = Digests.sha256Hex(ticket.getBytes(java.nio.charset.StandardCharsets.UTF_8));
			if (!this.store.useTicket(hash, target.value(), purpose.value(), this.clock.instant())) {
				throw new ApiException(ErrorCode.TICKET_INVALID);
			}
			return;
		}
		checkCode(target, purpose, code);
	}

	/** Whether a ticket is live for this target and purpose, without using it up. */
	@Transactional(readOnly = true)
	public boolean ticketFits(String ticket, String target, Purpose purpose) {
		return this.store.ticketFits(Digests.sha256Hex(ticket.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
				target, purpose.value(), this.clock.instant());
	}

	private void checkCode(Target target, Purpose purpose, String code) {
		Instant now = this.clock.instant();
		CodeStore.LiveCode live = this.store.lockCode(target.value(), purpose.value())
			.orElseThrow(() -> new CodeInvalid(0));
		int max = this.settings.maxAttempts();
		if (live.consumed() || live.attempts() >= max || !now.isBefore(live.expiresAt())) {
			throw new CodeInvalid(0);
		}
		if (code == null || !Digests.constantTimeEquals(live.codeHash(), hash(target, purpose, code))) {
			this.store.countWrongAttempt(target.value(), purpose.value());
			throw new CodeInvalid(max - live.attempts() - 1);
		}
		this.store.markConsumed(target.value(), purpose.value(), now);
	}

	private void requireCaptchaWhenBusy(String ip, Instant now, String captchaKey, String captchaCode) {
		if (ip == null) {
			return;
		}
		CodeStore.Count lastHour = this.store.sendsFromIp(ip, now.minus(Duration.ofHours(1)));
		if (lastHour.count() < this.settings.captchaAfterPerIpHour()) {
			return;
		}
		if (captchaKey == null || captchaCode == null) {
			throw new ApiException(ErrorCode.CAPTCHA_REQUIRED);
		}
		try {
			this.captchas.check(captchaKey, captchaCode);
		}
		catch (ApiException ex) {
			throw new CaptchaRejected();
		}
	}

	private boolean accountExists(Target target) {
		return target.email() ? this.users.findByEmail(target.emailAddress()).isPresent()
				: this.users.findByMobile(target.mobile()).isPresent();
	}

	private void deliver(Target target, Purpose purpose, String code) {
		Locale locale = LocaleContextHolder.getLocale();
		String minutes = Long.toString(this.settings.codeTtl().toMinutes());
		if (target.email()) {
			String subject = this.messages.getMessage("verification.email.subject", null, locale);
			String text = this.messages.getMessage("verification.email.body", new Object[] { code, minutes }, locale);
			this.email.send(new EmailSender.EmailMessage(target.value(), subject, text));
		}
		else {
			String text = this.messages.getMessage("verification.sms", new Object[] { code, minutes }, locale);
			this.sms.send(new SmsSender.SmsMessage(target.value(), text, code, purpose.value()));
		}
	}

	private String hash(Target target, Purpose purpose, String code) {
		return this.box.keyedHash(CODE_HASH, target.value() + "|" + purpose.value() + "|" + code);
	}

	private static long secondsUntil(Instant now, Instant then) {
		return Math.max(1, (Duration.between(now, then).toMillis() + 999) / 1000);
	}

	/** A wrong captcha; it was used up, which must stay so. */
	static class CaptchaRejected extends ApiException {

		CaptchaRejected() {
			super(ErrorCode.CAPTCHA_INVALID);
		}

	}

}
