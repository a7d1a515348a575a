package com.usercenter.mfa;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

import com.usercenter.account.SecondFactorGate;
import com.usercenter.account.SignInLock;
import com.usercenter.audit.AuditService;
import com.usercenter.audit.AuditType;
import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.ErrorData;
import com.usercenter.limit.Hit;
import com.usercenter.limit.Limit;
import com.usercenter.limit.Limiter;
import com.usercenter.mfa.SecondFactorStore.Challenge;
import com.usercenter.mfa.SecondFactorStore.TotpRow;
import com.usercenter.passkey.Passkeys;
import com.usercenter.secrets.SecretBox;
import com.usercenter.user.Users;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An account's second factors: the TOTP secret with its recovery codes, the second step
 * of a sign-in and the step-up before a sensitive change.
 * <p>
 * Every code presented for an account (a sign-in's second step, a removal, a step-up) is
 * counted by the {@link SignInLock} before it is looked at, under the same account key as
 * passwords: five wrong guesses of either kind within 15 minutes lock the account's
 * sign-in (42300), and of a hundred arriving at once at most five are evaluated. A TOTP
 * code is accepted once: the step it belongs to is recorded by one conditional update,
 * and a later code must be of a later step. A recovery code is used by one conditional
 * update too. The secret is sealed under the master key; codes and tokens are stored as
 * keyed hashes.
 */
@Service
public class SecondFactors implements SecondFactorGate {

	static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(5);

	static final int RECOVERY_CODES = 10;

	/**
	 * Confirming an enrolment: the secret is the caller's own, but guesses stay bounded.
	 */
	static final Limit CONFIRM_TRIES = Limit.of("totp-confirm", 10, Duration.ofMinutes(15));

	/** Enrolments started per account (each draws a QR code). */
	static final Limit ENROLMENTS = Limit.of("totp-enrol", 10, Duration.ofHours(1));

	private static final String SECRET_PURPOSE = "totp-secret";

	private static final String RECOVERY_PURPOSE = "recovery-code";

	private static final String TOKEN_PURPOSE = "mfa-token";

	private static final char[] RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SecondFactorStore store;

	private final SecretBox box;

	private final SignInLock lock;

	private final Limiter limiter;

	private final AuditService audit;

	private final Clock clock;

	private final MfaSettings settings;

	private final Users users;

	private final Passkeys passkeys;

	SecondFactors(SecondFactorStore store, SecretBox box, SignInLock lock, Limiter limiter, AuditService audit,
			Clock clock, MfaSettings settings, Users users, Passkeys passkeys) {
		this.passkeys = passkeys;
		this.users = users;
		this.store = store;
		this.box = box;
		this.lock = lock;
		this.limiter = limiter;
		this.audit = audit;
		this.clock = clock;
		this.settings = settings;
	}

	/**
	 * What second factors the account has, never a secret or a code (also its export).
	 */
	public MfaStatus status(long userId) {
		return new MfaStatus(totpInForce(userId), recoveryCodesLeft(userId), this.passkeys.list(userId));
	}

	/** Whether the account has a TOTP secret in force. */
	public boolean totpInForce(long userId) {
		return this.store.totpInForce(userId);
	}

	public int recoveryCodesLeft(long userId) {
		return this.store.recoveryCodesLeft(userId);
	}

	/**
	 * Starts an enrolment: a new secret, shown once, not in force until a first code
	 * confirms it. The caller has proven it holds the account.
	 * @param label how authenticator apps name the account
	 */
	Enrolment startTotp(long userId, String label) {
		this.limiter.take(ENROLMENTS, "user:" + userId);
		byte[] secret = TotpCodes.newSecret();
		if (!this.store.saveDraft(userId, this.box.seal(SECRET_PURPOSE, secret), this.clock.instant())) {
			throw ApiException.invalid("totp", "a TOTP secret is in force: remove it with a code first");
		}
		String uri = TotpCodes.otpauthUri(this.settings.issuer(), label, secret);
		return new Enrolment(TotpCodes.base32(secret), uri, TotpCodes.qrCode(uri));
	}

	/**
	 * Puts the enrolment in force with a first code and draws ten recovery codes, which
	 * are shown only in this answer.
	 */
	@Transactional
	public List<String> confirmTotp(long userId, String code) {
		Hit tries = this.limiter.take(CONFIRM_TRIES, "user:" + userId);
		TotpRow row = this.store.totp(userId)
			.filter((totp) -> !totp.confirmed())
			.orElseThrow(() -> ApiException.invalid("code", "no TOTP enrolment is waiting: start one first"));
		Instant now = this.clock.instant();
		OptionalLong step = TotpCodes.matchingStep(this.box.open(SECRET_PURPOSE, row.sealedSecret()), code, now);
		if (step.isEmpty() || !this.store.confirm(userId, row.sealedSecret(), step.getAsLong(), now)) {
			throw new ApiException(ErrorCode.SECOND_FACTOR_WRONG,
					new AttemptsLeft(Math.max(0, tries.max() - tries.hits())));
		}
		List<String> codes = new ArrayList<>();
		List<String> hashes = new ArrayList<>();
		for (int i = 0; i < RECOVERY_CODES; i++) {
			String recovery = newRecoveryCode();
			codes.add(recovery);
			hashes.add(recoveryHash(userId, recovery));
		}
		this.store.replaceRecoveryCodes(userId, hashes);
		this.audit.record(AuditType.SECOND_FACTOR_ADDED, userId, null, "totp, " + RECOVERY_CODES + " recovery codes");
		return codes;
	}

	/** Removes the TOTP secret and its recovery codes, with a code from them. */
	public void removeTotp(long userId, String code) {
		if (!this.store.totpInForce(userId)) {
			throw ApiException.invalid("totp", "no TOTP secret is in force");
		}
		String method = checkCounted(userId, code);
		this.store.deleteTotp(userId);
		this.audit.record(AuditType.SECOND_FACTOR_REMOVED, userId, null, "totp, with a " + method);
	}

	@Override
	public Optional<PendingSecondStep> secondStep(long userId, String channel, boolean created, List<String> amr) {
		List<String> methods = methods(userId);
		if (methods.isEmpty()) {
			return Optional.empty();
		}
		String token = randomToken();
		this.store.saveChallenge(tokenHash(token), userId, channel, created, amr,
				this.clock.instant().plus(CHALLENGE_LIFETIME));
		return Optional.of(new PendingSecondStep(token, methods, CHALLENGE_LIFETIME.toSeconds()));
	}

	@Override
	public void stepUp(long userId, String code) {
		if (!this.store.totpInForce(userId)) {
			return;
		}
		if (code == null || code.isBlank()) {
			throw ApiException.invalid("mfaCode",
					"this account has a second factor: give a code from it (TOTP or recovery code)");
		}
		checkCounted(userId, code);
	}

	/**
	 * Finishes a sign-in's second step: the token must be live, the code right, and the
	 * token is then used up.
	 * @return what the first step proved, with the second step's methods added to its amr
	 * @throws ApiException 40101 for an unknown, used or expired token
	 */
	public Finished finish(String mfaToken, String code) {
		String hash = tokenHash(mfaToken);
		Challenge challenge = this.store.liveChallenge(hash, this.clock.instant())
			.orElseThrow(() -> new ApiException(ErrorCode.TOKEN_EXPIRED));
		checkCounted(challenge.userId(), code);
		if (!this.store.claimChallenge(hash, this.clock.instant())) {
			throw new ApiException(ErrorCode.TOKEN_EXPIRED);
		}
		List<String> amr = new ArrayList<>(challenge.amr());
		amr.add("otp");
		amr.add("mfa");
		return new Finished(challenge.userId(), challenge.channel(), challenge.created(), List.copyOf(amr));
	}

	/**
	 * What the account can finish a sign-in with: a TOTP or recovery code on
	 * {@code /auth/login/mfa}, or a passkey sign-in, which needs no first step.
	 */
	List<String> methods(long userId) {
		List<String> methods = new ArrayList<>();
		if (this.store.totpInForce(userId)) {
			methods.add("totp");
			if (this.store.recoveryCodesLeft(userId) > 0) {
				methods.add("recovery_code");
			}
		}
		if (this.passkeys.any(userId)) {
			methods.add("passkey");
		}
		return methods;
	}

	/**
	 * A TOTP code (six digits) or a recovery code, counted before it is looked at.
	 * @return {@code totp} or {@code recovery code}
	 */
	private String checkCounted(long userId, String code) {
		if (code == null || code.isBlank()) {
			throw ApiException.invalid("code", "give a TOTP code or a recovery code");
		}
		int left = this.lock.count(userId);
		String method = check(userId, code.trim());
		if (method == null) {
			this.audit.recordFailure(AuditType.LOGIN_FAILURE, userId, null, "second factor: wrong code");
			throw new ApiException(ErrorCode.SECOND_FACTOR_WRONG, new AttemptsLeft(left));
		}
		this.lock.forgive(userId);
		return method;
	}

	private String check(long userId, String code) {
		Instant now = this.clock.instant();
		if (code.length() == TotpCodes.DIGITS && code.chars().allMatch(Character::isDigit)) {
			Optional<TotpRow> row = this.store.totp(userId).filter(TotpRow::confirmed);
			if (row.isEmpty()) {
				return null;
			}
			OptionalLong step = TotpCodes.matchingStep(this.box.open(SECRET_PURPOSE, row.get().sealedSecret()), code,
					now);
			return (step.isPresent() && this.store.acceptStep(userId, step.getAsLong())) ? "totp" : null;
		}
		String normal = normalRecoveryCode(code);
		if (normal == null) {
			return null;
		}
		return this.store.useRecoveryCode(userId, recoveryHash(userId, normal), now) ? "recovery code" : null;
	}

	/**
	 * An admin removes the account's TOTP and recovery codes.
	 * @throws com.usercenter.user.UserNotFound when there is no such account
	 */
	void resetByAdmin(long userId, long adminId) {
		this.users.get(userId);
		boolean totp = this.store.deleteTotp(userId);
		int passkeys = this.passkeys.removeAll(userId);
		this.audit.record(AuditType.ADMIN_USER_CHANGE, userId, null, "second factors removed by admin " + adminId + ": "
				+ (totp ? "totp and recovery codes, " : "no totp, ") + passkeys + " passkeys");
	}

	/** Everything second factors keep about an account (erasure). */
	void forget(long userId) {
		this.store.deleteAll(userId);
	}

	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT7M")
	public void deleteExpiredChallenges() {
		this.store.deleteExpiredChallenges(this.clock.instant().minus(Duration.ofDays(1)));
	}

	private String recoveryHash(long userId, String normalCode) {
		return this.box.keyedHash(RECOVERY_PURPOSE, userId + ":" + normalCode.replace("-", ""));
	}

	private String tokenHash(String token) {
		return this.box.keyedHash(TOKEN_PURPOSE, token);
	}

	/**
	 * Ten characters of a 31-letter alphabet without look-alikes (49 bits), as
	 * xxxxx-xxxxx.
	 */
	private static String newRecoveryCode() {
		StringBuilder code = new StringBuilder(11);
		for (int i = 0; i < 10; i++) {
			if (i == 5) {
				code.append('-');
			}
			code.append(RECOVERY_ALPHABET[RANDOM.nextInt(RECOVERY_ALPHABET.length)]);
		}
		return code.toString();
	}

	/** A recovery code as typed (any case, spaces, with or without the dash), or null. */
	static String normalRecoveryCode(String typed) {
		String code = typed.toLowerCase(Locale.ROOT).replace(" ", "").replace("-", "");
		if (code.length() != 10) {
			return null;
		}
		for (char c : code.toCharArray()) {
			if (new String(RECOVERY_ALPHABET).indexOf(c) < 0) {
				return null;
			}
		}
		return code;
	}

	private static String randomToken() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * A new TOTP secret for the caller.
	 *
	 * @param secret base32, for typing into an app
	 * @param otpauthUri the Key Uri Format apps scan
	 * @param qrCode a PNG of the URI as a data URL
	 */
	public record Enrolment(String secret, String otpauthUri, String qrCode) {
	}

	/** The data of 40006: wrong guesses left before the account's sign-in locks. */
	public record AttemptsLeft(int attemptsLeft) implements ErrorData {
	}

	/**
	 * A finished second step.
	 *
	 * @param userId the account
	 * @param channel how the first step signed in
	 * @param created whether the first step created the account
	 * @param amr the methods of both steps
	 */
	public record Finished(long userId, String channel, boolean created, List<String> amr) {
	}

}
