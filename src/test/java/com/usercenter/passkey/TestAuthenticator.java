package com.usercenter.passkey;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.COSEKey;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.authenticator.EdDSACOSEKey;
import com.webauthn4j.data.attestation.authenticator.RSACOSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.extension.authenticator.AuthenticationExtensionAuthenticatorOutput;
import com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput;
import tools.jackson.databind.JsonNode;

/**
 * A platform authenticator and its client, emulated: a P-256 key pair (or Ed25519, RSA,
 * P-384), a discoverable credential with a counter, a {@code none} attestation,
 * authenticator data and client data built byte by byte as a browser and a phone would
 * (CBOR by webauthn4j's converters), signed with SHA256withECDSA. Each ceremony can be
 * bent to test a refusal: another origin, another rp-id, flags without UV, a counter set
 * by hand.
 */
final class TestAuthenticator {

	static final byte UP = AuthenticatorData.BIT_UP;

	static final byte UV = AuthenticatorData.BIT_UV;

	static final byte AT = AuthenticatorData.BIT_AT;

	static final String ORIGIN = "http://localhost:8080";

	static final String RP_ID = "localhost";

	private static final ObjectConverter CONVERTER = new ObjectConverter();

	private final KeyPair keys;

	private final byte[] credentialId;

	private byte[] userHandle;

	/** The signature counter the next assertion carries (then it goes up by one). */
	long counter;

	String origin = ORIGIN;

	String rpId = RP_ID;

	byte flags = (byte) (UP | UV);

	private final Algorithm algorithm;

	TestAuthenticator() {
		this(Algorithm.ES256);
	}

	TestAuthenticator(Algorithm algorithm) {
		this.algorithm = algorithm;
		this.keys = algorithm.generate();
		this.credentialId = new byte[32];
		new java.security.SecureRandom().nextBytes(this.credentialId);
	}

	String credentialId() {
		return b64(this.credentialId);
	}

	/** A RegistrationResponseJSON for creation options, as {@code toJSON()} gives it. */
	Map<String, Object> register(JsonNode options) {
		this.userHandle = Base64.getUrlDecoder().decode(options.path("user").path("id").asString());
		AttestedCredentialData attested = new AttestedCredentialData(AAGUID.ZERO, this.credentialId,
				this.algorithm.coseKey(this.keys));
		AuthenticatorData<RegistrationExtensionAuthenticatorOutput> data = new AuthenticatorData<>(
				sha256(this.rpId.getBytes(StandardCharsets.UTF_8)), (byte) (this.flags | AT), this.counter, attested);
		byte[] attestationObject = new AttestationObjectConverter(CONVERTER)
			.convertToBytes(new AttestationObject(data, new NoneAttestationStatement()));
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("clientDataJSON", b64(clientData("webauthn.create", options.path("challenge").asString())));
		response.put("attestationObject", b64(attestationObject));
		response.put("transports", java.util.List.of("internal", "hybrid"));
		// members a browser adds that the service does not need
		response.put("publicKeyAlgorithm", this.algorithm.cose.getValue());
		return credential(response);
	}

	/**
	 * An AuthenticationResponseJSON for request options, signed with this key, the
	 * counter going up by one after it.
	 */
	Map<String, Object> assertion(JsonNode options) {
		byte[] clientData = clientData("webauthn.get", options.path("challenge").asString());
		AuthenticatorData<AuthenticationExtensionAuthenticatorOutput> data = new AuthenticatorData<>(
				sha256(this.rpId.getBytes(StandardCharsets.UTF_8)), this.flags, this.counter++);
		byte[] authenticatorData = new AuthenticatorDataConverter(CONVERTER).convert(data);
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("clientDataJSON", b64(clientData));
		response.put("authenticatorData", b64(authenticatorData));
		response.put("signature", b64(sign(authenticatorData, clientData)));
		response.put("userHandle", (this.userHandle != null) ? b64(this.userHandle) : null);
		return credential(response);
	}

	/** Answers another user handle than the one the passkey was made with. */
	void forgetUserHandle(byte[] other) {
		this.userHandle = other;
	}

	private Map<String, Object> credential(Map<String, Object> response) {
		Map<String, Object> credential = new LinkedHashMap<>();
		credential.put("id", b64(this.credentialId));
		credential.put("rawId", b64(this.credentialId));
		credential.put("type", "public-key");
		credential.put("response", response);
		credential.put("authenticatorAttachment", "platform");
		credential.put("clientExtensionResults", Map.of());
		return credential;
	}

	private byte[] clientData(String type, String challenge) {
		return ("{\"type\":\"" + type + "\",\"challenge\":\"" + challenge + "\",\"origin\":\"" + this.origin
				+ "\",\"crossOrigin\":false}")
			.getBytes(StandardCharsets.UTF_8);
	}

	private byte[] sign(byte[] authenticatorData, byte[] clientData) {
		try {
			Signature signature = Signature.getInstance(this.algorithm.signature);
			signature.initSign(this.keys.getPrivate());
			signature.update(ByteBuffer.allocate(authenticatorData.length + 32)
				.put(authenticatorData)
				.put(sha256(clientData))
				.array());
			return signature.sign();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The key types of the test: the three the service offers, and one it does not. */
	enum Algorithm {

		ES256(COSEAlgorithmIdentifier.ES256, "EC", "secp256r1", "SHA256withECDSA"),
		EDDSA(COSEAlgorithmIdentifier.EdDSA, "Ed25519", null, "Ed25519"),
		RS256(COSEAlgorithmIdentifier.RS256, "RSA", null, "SHA256withRSA"),
		ES384(COSEAlgorithmIdentifier.ES384, "EC", "secp384r1", "SHA384withECDSA");

		final COSEAlgorithmIdentifier cose;

		private final String keyType;

		private final String curve;

		final String signature;

		Algorithm(COSEAlgorithmIdentifier cose, String keyType, String curve, String signature) {
			this.cose = cose;
			this.keyType = keyType;
			this.curve = curve;
			this.signature = signature;
		}

		KeyPair generate() {
			try {
				KeyPairGenerator generator = KeyPairGenerator.getInstance(this.keyType);
				if (this.curve != null) {
					generator.initialize(new ECGenParameterSpec(this.curve));
				}
				else if ("RSA".equals(this.keyType)) {
					generator.initialize(2048);
				}
				return generator.generateKeyPair();
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

		COSEKey coseKey(KeyPair keys) {
			return switch (this) {
				case EDDSA -> EdDSACOSEKey.create(keys, this.cose);
				case RS256 -> RSACOSEKey.create(keys, this.cose);
				default -> EC2COSEKey.create(keys, this.cose);
			};
		}

	}

	static String b64(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static byte[] sha256(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
