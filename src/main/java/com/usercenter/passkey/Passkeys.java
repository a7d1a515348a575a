package com.usercenter.passkey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.usercenter.audit.AuditService;
import com.usercenter.audit.AuditType;
import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.web.ClientIp;
import com.usercenter.limit.Limit;
import com.usercenter.limit.Limiter;
import com.usercenter.passkey.PasskeyStore.Added;
import com.usercenter.passkey.RelyingParty.CeremonyFailed;
import com.usercenter.secrets.Digests;
import com.usercenter.user.UserView;
import com.usercenter.user.Users;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;

import org.springframework.stereotype.Service;

/**
 * A user's passkeys: what other modules may ask ({@link #list}, {@link #any}), and their
 * registration and removal by the owner.
 */
@Service
public class Passkeys {

	/** Ceremonies one client address may start a minute (42900 past it). */
	static final Limit OPTIONS = Limit.of("passkey-options", 30, Duration.ofMinutes(1));

	private static final String DEFAULT_NAME = "Passkey";

	private final PasskeyStore store;

	private final Challenges challenges;

	private final RelyingParty relyingParty;

	private final Users users;

	private final Limiter limiter;

	private final AuditService audit;

	private final Clock clock;

	Passkeys(PasskeyStore store, Challenges challenges, RelyingParty relyingParty, Users users, Limiter limiter,
			AuditService audit, Clock clock) {
		this.store = store;
		this.challenges = challenges;
		this.relyingParty = relyingParty;
		this.users = users;
		this.limiter = limiter;
		this.audit = audit;
		this.clock = clock;
	}

	/** The account's passkeys, oldest first, without their keys. */
	public List<PasskeyView> list(long userId) {
		return this.store.list(userId);
	}

	/** Whether the account has a passkey (a second factor). */
	/**
	 * Removes every passkey of the account (an admin resetting the second factors of a
	 * user who lost its devices).
	 * @return how many there were
	 */
	public int removeAll(long userId) {
		return this.store.eraseAll(userId);
	}

	public boolean any(long userId) {
		return this.store.any(userId);
	}

	/**
	 * Options for a new passkey of the signed-in user, its challenge stored for five
	 * minutes.
	 */
	CreationOptions registrationOptions(long userId) {
		this.limiter.take(OPTIONS, ClientIp.currentAddress());
		List<byte[]> held = this.store.credentialIds(userId);
		if (held.size() >= PasskeyStore.MAX_PER_ACCOUNT) {
			throw full();
		}
		UserView user = this.users.get(userId);
		byte[] handle = this.store.handleOf(userId);
		byte[] challenge = Digests.randomBytes(32);
		this.challenges.saveRegistration(userId, challenge, this.clock.instant().plus(RelyingParty.CEREMONY));
		String name = firstOf(user.username(), user.email(), user.mobile(), user.details().nickname(),
				this.relyingParty.name());
		return new CreationOptions(
				new CreationOptions.RelyingPartyEntity(this.relyingParty.id(), this.relyingParty.name()),
				new CreationOptions.UserEntity(
						Base64Url.encode(handle), name, firstOf(user.details().nickname(), name)),
				Base64Url.encode(challenge),
				RelyingParty.ALGORITHMS.stream()
					.map((alg) -> new CreationOptions.CredentialParameters("public-key", (int) alg.getValue()))
					.toList(),
				RelyingParty.CEREMONY.toMillis(), held.stream().map(CredentialDescriptor::of).toList(),
				new CreationOptions.AuthenticatorSelection("required", true, "required"), "none");
	}

	/**
	 * Registers the passkey an authenticator made for the options. The challenge is used
	 * up before the checks, so a refused response cannot be tried again.
	 */
	NewPasskey register(long userId, String name, RegistrationResponse credential) {
		byte[] rawId = credential.rawIdBytes();
		if (!Arrays.equals(rawId, Base64Url.decode(credential.id(), "credential.id"))) {
			throw ApiException.invalid("credential.id", "must be the bytes of rawId");
		}
		var json = credential.toWebAuthn4j();
		byte[] challenge;
		try {
			challenge = this.relyingParty.challengeOf(
					Base64Url.decode(credential.response().clientDataJSON(), "credential.response.clientDataJSON"));
		}
		catch (CeremonyFailed ex) {
			throw ApiException.invalid("credential.response.clientDataJSON", "is not WebAuthn client data");
		}
		Instant now = this.clock.instant();
		if (!this.challenges.useRegistration(userId, challenge, now)) {
			throw ApiException.invalid("credential", "its challenge is unknown, used or expired: ask for new options");
		}
		RegistrationData data;
		try {
			data = this.relyingParty.register(json, challenge);
		}
		catch (CeremonyFailed ex) {
			throw ApiException.invalid("credential", "the passkey was not verified (origin, rp-id, user "
					+ "verification, algorithm or signature): ask for new options and try again");
		}
		AuthenticatorData<?> authenticator = data.getAttestationObject().getAuthenticatorData();
		AttestedCredentialData attested = authenticator.getAttestedCredentialData();
		if (!Arrays.equals(attested.getCredentialId(), rawId)) {
			throw ApiException.invalid("credential.rawId", "is not the id of the credential attested");
		}
		UUID id = UUID.randomUUID();
		String label = (name == null || name.isBlank()) ? DEFAULT_NAME : name.strip();
		List<String> transports = credential.response().transports();
		Added added = this.store.add(userId, rawId, this.relyingParty.serialize(attested), authenticator.getSignCount(),
				authenticator.isFlagUV(), authenticator.isFlagBE(), authenticator.isFlagBS(),
				(transports == null || transports.isEmpty()) ? null : String.join(",", transports), label, now, id);
		switch (added) {
			case FULL -> throw full();
			case TAKEN -> throw ApiException.invalid("credential", "this passkey is registered already");
			default -> this.audit.record(AuditType.BIND, userId, null, "passkey " + id);
		}
		return new NewPasskey(id.toString(), label, now.toEpochMilli());
	}

	/**
	 * Removes one of the caller's passkeys: another account's answers as one that does
	 * not exist.
	 */
	void delete(long userId, String id) {
		UUID passkey;
		try {
			passkey = UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw new ApiException(ErrorCode.NOT_FOUND);
		}
		if (!this.store.delete(userId, passkey)) {
			throw new ApiException(ErrorCode.NOT_FOUND);
		}
		this.audit.record(AuditType.UNBIND, userId, null, "passkey " + passkey);
	}

	private static ApiException full() {
		return ApiException.invalid("passkeys",
				"at most " + PasskeyStore.MAX_PER_ACCOUNT + " passkeys per account: remove one first");
	}

	private static String firstOf(String... values) {
		return Arrays.stream(values).filter((value) -> value != null && !value.isBlank()).findFirst().orElse("");
	}

}
