package com.usercenter.passkey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.usercenter.account.AccountService;
import com.usercenter.account.Amr;
import com.usercenter.account.LoginResult;
import com.usercenter.account.SignInGate;
import com.usercenter.audit.AuditService;
import com.usercenter.audit.AuditType;
import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.web.ClientIp;
import com.usercenter.limit.Limit;
import com.usercenter.limit.Limiter;
import com.usercenter.passkey.Challenges.SignInChallenge;
import com.usercenter.passkey.RelyingParty.CeremonyFailed;
import com.usercenter.secrets.Digests;
import com.usercenter.secrets.SecretBox;
import com.usercenter.user.AccountDisabled;
import com.usercenter.user.Email;
import com.usercenter.user.PhoneNumber;
import com.usercenter.user.UserView;
import com.usercenter.user.Users;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;

import org.springframework.stereotype.Service;

/**
 * Signing in with a passkey: user verification is required, so it is complete in one
 * step. Options name no account (any passkey the device holds) or one; for an account
 * that does not exist, or has no passkey, they list one made-up credential id derived
 * from the name typed (a keyed hash, the same on every request), so the answer has the
 * same shape either way and says nothing about which accounts exist.
 */
@Service
class PasskeySignIn {

	/**
	 * One audit row per client address and window for sign-ins with passkeys that are not
	 * registered.
	 */
	private static final Limit UNKNOWN_AUDITED = Limit.of("passkey-unknown-audited", 1, Duration.ofMinutes(15));

	private static final String DECOY = "passkey-decoy";

	private final PasskeyStore store;

	private final Challenges challenges;

	private final RelyingParty relyingParty;

	private final Users users;

	private final AccountService accounts;

	private final SignInGate gate;

	private final Limiter limiter;

	private final AuditService audit;

	private final SecretBox box;

	private final Clock clock;

	PasskeySignIn(PasskeyStore store, Challenges challenges, RelyingParty relyingParty, Users users,
			AccountService accounts, SignInGate gate, Limiter limiter, AuditService audit, SecretBox box, Clock clock) {
		this.store = store;
		this.challenges = challenges;
		this.relyingParty = relyingParty;
		this.users = users;
		this.accounts = accounts;
		this.gate = gate;
		this.limiter = limiter;
		this.audit = audit;
		this.box = box;
		this.clock = clock;
	}

	SignInOptions options(String account) {
		this.limiter.take(Passkeys.OPTIONS, ClientIp.currentAddress());
		byte[] challenge = Digests.randomBytes(32);
		Long userId = null;
		List<CredentialDescriptor> allowed = List.of();
		if (account != null) {
			userId = this.users.findByAccount(account).map(UserView::id).orElse(null);
			List<byte[]> ids = (userId != null) ? this.store.credentialIds(userId) : List.of();
			allowed = ids.isEmpty() ? List.of(CredentialDescriptor.of(decoy(account)))
					: ids.stream().map(CredentialDescriptor::of).toList();
		}
		String challengeId = this.challenges.saveSignIn(challenge, userId, account != null,
				this.clock.instant().plus(RelyingParty.CEREMONY));
		return new SignInOptions(challengeId, new RequestOptions(Base64Url.encode(challenge),
				RelyingParty.CEREMONY.toMillis(), this.relyingParty.id(), allowed, "required"));
	}

	/**
	 * Checks the assertion against the challenge (used up first, whatever follows) and
	 * the stored passkey, stores its counter and starts a session. Failures count with
	 * the other anonymous sign-ins ({@link SignInGate}).
	 */
	LoginResult signIn(String challengeId, AuthenticationResponse credential) {
		byte[] rawId = credential.rawIdBytes();
		if (!Arrays.equals(rawId, Base64Url.decode(credential.id(), "credential.id"))) {
			throw ApiException.invalid("credential.id", "must be the bytes of rawId");
		}
		Map<String, Object> json = credential.toWebAuthn4j();
		byte[] userHandle = credential.userHandleBytes();
		return this.gate.admit(() -> verify(challengeId, rawId, userHandle, json));
	}

	private LoginResult verify(String challengeId, byte[] rawId, byte[] userHandle, Map<String, Object> json) {
		Instant now = this.clock.instant();
		SignInChallenge challenge = this.challenges.useSignIn(challengeId, now).orElseThrow(() -> {
			failure(null, "challenge unknown, used or expired");
			return new ApiException(ErrorCode.TOKEN_EXPIRED);
		});
		StoredPasskey passkey = this.store.findByCredentialId(rawId).orElse(null);
		if (passkey == null) {
			throw refused(null, "passkey not registered");
		}
		if (challenge.named() && (challenge.userId() == null || challenge.userId() != passkey.userId())) {
			throw refused(passkey.userId(), "not a passkey of the account the options named");
		}
		byte[] handle = this.store.existingHandle(passkey.userId()).orElse(new byte[0]);
		if ((userHandle == null) ? !challenge.named() : !Digests.constantTimeEquals(userHandle, handle)) {
			throw refused(passkey.userId(), "user handle missing or not the account's");
		}
		List<byte[]> allowed = challenge.named() ? this.store.credentialIds(passkey.userId()) : null;
		AuthenticatorData<?> seen;
		try {
			seen = this.relyingParty.authenticate(json, challenge.challenge(), passkey, allowed).getAuthenticatorData();
		}
		catch (CeremonyFailed ex) {
			throw refused(passkey.userId(), ex.getMessage());
		}
		if (!this.store.recordUse(passkey.id(), seen.getSignCount(), seen.isFlagBS(), now)) {
			throw refused(passkey.userId(), "signature counter not above the stored one (used twice at once?)");
		}
		UserView user = this.users.find(passkey.userId()).orElseThrow(() -> refused(passkey.userId(), "no account"));
		if (!user.isActive()) {
			failure(user.id(), "account disabled");
			throw new AccountDisabled();
		}
		return this.accounts.finishSignIn(user.id(), "passkey", false, Amr.PASSKEY);
	}

	private ApiException refused(Long userId, String reason) {
		failure(userId, reason);
		return new ApiException(ErrorCode.BAD_CREDENTIALS);
	}

	private void failure(Long userId, String reason) {
		if (userId != null || this.limiter.hit(UNKNOWN_AUDITED, ClientIp.currentAddress()).allowed()) {
			this.audit.recordFailure(AuditType.LOGIN_FAILURE, userId, null, "passkey: " + reason
					+ ((userId != null) ? "" : " (more from this address within 15 minutes are not recorded)"));
		}
	}

	/**
	 * A made-up credential id for a name that has no passkey: the same for every way of
	 * writing the same mobile, email or username, so spelling it two ways tells nothing.
	 */
	private byte[] decoy(String account) {
		String typed = account.strip();
		Email email = typed.contains("@") ? Email.parseOrNull(typed) : null;
		PhoneNumber mobile = (email == null) ? PhoneNumber.parseOrNull(typed) : null;
		String key = (email != null) ? "email:" + email.value()
				: (mobile != null) ? "mobile:" + mobile.value() : "name:" + typed.toLowerCase(Locale.ROOT);
		return HexFormat.of().parseHex(this.box.keyedHash(DECOY, key));
	}

}
