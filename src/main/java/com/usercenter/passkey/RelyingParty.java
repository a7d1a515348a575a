package com.usercenter.passkey;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.CollectedClientDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecord;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The WebAuthn checks, all of them webauthn4j's: client data type, challenge, origin,
 * rp-id hash, user presence and user verification flags, the signature, the algorithm and
 * the signature counter. Attestation statements are checked for form only (the non-strict
 * manager): which authenticator made a passkey is not asked, as for every consumer
 * passkey service, so a {@code none} attestation is enough.
 */
@Component
class RelyingParty {

	private static final Logger log = LoggerFactory.getLogger(RelyingParty.class);

	/** How long a ceremony's challenge lives, and the timeout the options name. */
	static final Duration CEREMONY = Duration.ofMinutes(5);

	/** In the order of preference: ES256, EdDSA (Ed25519), RS256. */
	static final List<COSEAlgorithmIdentifier> ALGORITHMS = List.of(COSEAlgorithmIdentifier.ES256,
			COSEAlgorithmIdentifier.EdDSA, COSEAlgorithmIdentifier.RS256);

	private static final List<PublicKeyCredentialParameters> PARAMETERS = ALGORITHMS.stream()
		.map((alg) -> new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, alg))
		.toList();

	private final ObjectConverter converter = new ObjectConverter();

	private final WebAuthnManager manager = WebAuthnManager.createNonStrictWebAuthnManager(this.converter);

	private final AttestedCredentialDataConverter credentialData = new AttestedCredentialDataConverter(this.converter);

	private final PasskeySettings settings;

	private final Set<Origin> origins;

	RelyingParty(PasskeySettings settings) {
		this.settings = settings;
		this.origins = settings.origins().stream().map(Origin::new).collect(Collectors.toUnmodifiableSet());
	}

	String id() {
		return this.settings.rpId();
	}

	String name() {
		return this.settings.rpName();
	}

	/**
	 * The challenge a client data JSON carries.
	 * @throws CeremonyFailed when it is not client data
	 */
	byte[] challengeOf(byte[] clientDataJSON) {
		try {
			return new CollectedClientDataConverter(this.converter).convert(clientDataJSON).getChallenge().getValue();
		}
		catch (RuntimeException ex) {
			throw failed("client data unreadable", ex);
		}
	}

	/**
	 * A new passkey, checked against the challenge it must answer: user present and
	 * verified, one of our algorithms.
	 * @throws CeremonyFailed when any check fails
	 */
	RegistrationData register(Map<String, Object> response, byte[] challenge) {
		RegistrationParameters parameters = new RegistrationParameters(server(challenge), PARAMETERS, true, true);
		try {
			return this.manager.verifyRegistrationResponseJSON(json(response), parameters);
		}
		catch (RuntimeException ex) {
			throw failed("registration refused", ex);
		}
	}

	/**
	 * An assertion of a stored passkey, checked against the challenge it must answer:
	 * user present and verified, signed by the passkey's key, its counter above the
	 * stored one unless both are zero.
	 * @param allowed the credential ids the options offered, or null for any
	 * @throws CeremonyFailed when any check fails
	 */
	AuthenticationData authenticate(Map<String, Object> response, byte[] challenge, StoredPasskey passkey,
			List<byte[]> allowed) {
		AuthenticationParameters parameters = new AuthenticationParameters(server(challenge), record(passkey), allowed,
				true, true);
		try {
			return this.manager.verifyAuthenticationResponseJSON(json(response), parameters);
		}
		catch (RuntimeException ex) {
			throw failed("assertion refused", ex);
		}
	}

	byte[] serialize(AttestedCredentialData data) {
		return this.credentialData.convert(data);
	}

	private CredentialRecord record(StoredPasskey passkey) {
		AttestedCredentialData data = this.credentialData.convert(passkey.credentialData());
		return new CredentialRecordImpl(new NoneAttestationStatement(), passkey.uvInitialized(),
				passkey.backupEligible(), passkey.backupState(), passkey.signCount(), data, null, null, null, null);
	}

	private ServerProperty server(byte[] challenge) {
		return new ServerProperty(this.origins, this.settings.rpId(), new DefaultChallenge(challenge));
	}

	private String json(Map<String, Object> response) {
		return this.converter.getJsonMapper().writeValueAsString(response);
	}

	private static CeremonyFailed failed(String what, RuntimeException ex) {
		// the type and webauthn4j's message name the check that failed, never a key
		log.debug("Passkey {}: {}: {}", what, ex.getClass().getSimpleName(), ex.getMessage());
		return new CeremonyFailed(what + ": " + ex.getClass().getSimpleName());
	}

	/** A WebAuthn check failed; the reason is for the audit trail, not the caller. */
	static class CeremonyFailed extends RuntimeException {

		CeremonyFailed(String reason) {
			super(reason, null, false, false);
		}

	}

}
