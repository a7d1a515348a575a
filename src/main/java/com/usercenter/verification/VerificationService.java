package com.usercenter.verification;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import com.usercenter.audit.AuditService;
import com.usercenter.audit.AuditType;
import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.UpstreamFailed;
import com.usercenter.limit.Limit;
import com.usercenter.limit.Limiter;
import com.usercenter.secrets.Digests;
import com.usercenter.secrets.SecretBox;
import com.usercenter.user.Contact;
import com.usercenter.user.PhoneNumber;
import com.usercenter.user.UserContacts;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends, checks and trades one-time codes. Codes are six digits from a secure random
 * source, stored only as keyed hashes; tickets are 256-bit random values stored as
 * SHA-256. Every limit is the {@link Limiter}'s, counted before the work it guards; no
 * provider is called inside a transaction.
 */
@Service
public class VerificationService {

	private static final String CODE_HASH = "verification-code";

	private final CodeStore store;

	private final CaptchaGate gate;

	private final UserContacts contacts;

	private final Deliveries deliveries;

	private final Limiter limiter;

	private final AuditService audit;

	private final SecretBox box;

	private final VerificationSettings settings;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	VerificationService(CodeStore store, CaptchaGate gate, UserContacts contacts, Deliveries deliveries,
			Limiter limiter, AuditService audit, SecretBox box, VerificationSettings settings, Clock clock) {
		this.store = store;
		this.gate = gate;
		this.contacts = contacts;
		this.deliveries = deliveries;
		this.limiter = limiter;
		this.audit = audit;
		this.box = box;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Sends a code. The limits are counted first (a busy client address needs a captcha,
	 * one send per target and purpose per interval, a daily cap per target), then the
	 * code is stored and delivered with no connection held. A provider failure answers
	 * 50200 and gives the counted sends back. A {@code reset_password} answer is given
	 * before anything about the account is looked at: the code is made and delivered
	 * afterwards, and only when the account exists, so neither the answer nor its timing
	 * tells.
	 */
	public CodeSent send(boolean viaEmail, String rawTarget, Purpose purpose, String captchaKey, String captchaCode) {
		Contact target = viaEmail ? Contact.email(rawTarget, "target") : Contact.mobile(rawTarget, "target");
		if (target instanceof PhoneNumber mobile && !this.settings.allowedRegions().contains(mobile.region())) {
			throw ApiException.invalid("target", "mobile numbers of this region cannot receive codes");
		}
		this.gate.passSend(captchaKey, captchaCode);
		Limit resend = Limit.of("code-resend", 1, this.settings.resendInterval());
		Limit daily = Limit.of("code-daily", this.settings.dailyLimitPerTarget(), Duration.ofDays(1));
		String pair = resendKey(target.value(), purpose);
		this.limiter.take(resend, pair);
		try {
			this.limiter.take(daily, dailyKey(target.value()));
		}
		catch (ApiException ex) {
			this.limiter.refund(resend, pair);
			throw ex;
		}
		Locale locale = LocaleContextHolder.getLocale();
		Runnable giveBack = () -> {
			this.limiter.refund(resend, pair);
			this.limiter.refund(daily, dailyKey(target.value()));
		};
		if (purpose == Purpose.RESET_PASSWORD) {
			if (!this.deliveries.later(() -> sendResetCode(target, locale, giveBack))) {
				giveBack.run();
				throw new UpstreamFailed();
			}
		}
		else {
			try {
				storeAndDeliver(target, purpose, locale);
			}
			catch (UpstreamFailed ex) {
				giveBack.run();
				throw ex;
			}
		}
		return new CodeSent(this.settings.codeTtl().toSeconds(), this.settings.resendInterval().toSeconds());
	}

	private void sendResetCode(Contact target, Locale locale, Runnable giveBack) {
		try {
			if (accountExists(target)) {
				storeAndDeliver(target, Purpose.RESET_PASSWORD, locale);
			}
			else {
				// a code nobody is sent: checking it counts down like a real one, so the
				// answer (attemptsLeft) does not tell whether the account exists
				storeCode(target, Purpose.RESET_PASSWORD);
			}
		}
		catch (RuntimeException ex) {
			giveBack.run();
			this.audit.record(AuditType.DELIVERY_FAILURE, null, null,
					"reset_password code to " + target.masked() + ": " + ex.getClass().getSimpleName());
		}
	}

	private void storeAndDeliver(Contact target, Purpose purpose, Locale locale) {
		String code = storeCode(target, purpose);
		this.deliveries.sendCode(target, purpose, code, this.settings.codeTtl().toMinutes(), locale);
	}

	private String storeCode(Contact target, Purpose purpose) {
		Instant now = this.clock.instant();
		String code = String.format(Locale.ROOT, "%06d", this.random.nextInt(1_000_000));
		this.store.replaceCode(target.value(), purpose.value(), hash(target, purpose, code), now,
				now.plus(this.settings.codeTtl()));
		return code;
	}

	/**
	 * Trades a right code for a single-use ticket good for the same target and purpose.
	 */
	@Transactional(noRollbackFor = CodeInvalid.class)
	public TicketIssued verify(String rawTarget, Purpose purpose, String code) {
		Contact target = Contact.parse(rawTarget, "target");
		checkCode(target, purpose, code);
		String ticket = Digests.randomToken(32);
		this.store.saveTicket(sha256(ticket), target.value(), purpose.value(),
				this.clock.instant().plus(this.settings.ticketTtl()));
		return new TicketIssued(ticket, this.settings.ticketTtl().toSeconds());
	}

	/**
	 * Proves control of a target for a purpose, by a code or by a ticket (exactly one of
	 * them), and uses it up. Joins the caller's transaction: when the caller fails later,
	 * the code or ticket stays good.
	 */
	@Transactional(noRollbackFor = CodeInvalid.class)
	public void consume(Contact target, Purpose purpose, String code, String ticket) {
		if (ticket != null) {
			if (!this.store.useTicket(sha256(ticket), target.value(), purpose.value(), this.clock.instant())) {
				throw new ApiException(ErrorCode.TICKET_INVALID);
			}
			return;
		}
		checkCode(target, purpose, code);
	}

	/** Whether a ticket is live for this target and purpose, without using it up. */
	@Transactional(readOnly = true)
	public boolean ticketFits(String ticket, String target, Purpose purpose) {
		return this.store.ticketFits(sha256(ticket), target, purpose.value(), this.clock.instant());
	}

	private void checkCode(Contact target, Purpose purpose, String code) {
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

	/**
	 * An account holds this contact as proven: only such an account can be reset by a
	 * code.
	 */
	private boolean accountExists(Contact target) {
		return this.contacts.holder(target).filter((user) -> user.holdsVerified(target)).isPresent();
	}

	private String hash(Contact target, Purpose purpose, String code) {
		return this.box.keyedHash(CODE_HASH, target.value() + "|" + purpose.value() + "|" + code);
	}

	/** What one send per interval is counted under: the target and the purpose. */
	static String resendKey(String target, Purpose purpose) {
		return target + "|" + purpose.value();
	}

	/** What the sends of a day are counted under: the target. */
	static String dailyKey(String target) {
		return target;
	}

	private static String sha256(String value) {
		return Digests.sha256Hex(value.getBytes(StandardCharsets.UTF_8));
	}

}
