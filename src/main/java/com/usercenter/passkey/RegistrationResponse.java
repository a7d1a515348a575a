package com.usercenter.passkey;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * WebAuthn's {@code RegistrationResponseJSON}: what {@code PublicKeyCredential.toJSON()}
 * answers after {@code navigator.credentials.create}, or Android's Credential Manager
 * answers as its registration response JSON. Other members it carries are ignored.
 */
@Schema(name = "RegistrationResponseJSON")
record RegistrationResponse(
		@Schema(description = "base64url credential id",
				example = "Yk2oH6bC0tW1pQ9sVx3nE8aJr5mD7uFgZ4LhKiNcOeA") @NotBlank @Size(
						max = 1368) @Pattern(regexp = Base64Url.PATTERN) String id,
		@Schema(description = "the same bytes as id",
				example = "Yk2oH6bC0tW1pQ9sVx3nE8aJr5mD7uFgZ4LhKiNcOeA") @NotBlank @Size(
						max = 1368) @Pattern(regexp = Base64Url.PATTERN) String rawId,
		@Schema(example = "public-key") @NotNull @Pattern(regexp = "public-key") String type,
		@NotNull @Valid Attestation response,
		@Schema(example = "platform") @Pattern(regexp = "platform|cross-platform") String authenticatorAttachment) {

	/**
	 * The JSON webauthn4j reads, made from the checked fields only: bytes decoded and
	 * encoded again, so a value a browser pads or an unknown member never reaches the
	 * parser.
	 */
	Map<String, Object> toWebAuthn4j() {
		Map<String, Object> attestation = new LinkedHashMap<>();
		attestation.put("clientDataJSON", Base64Url
			.encode(Base64Url.decode(this.response.clientDataJSON(), "credential.response.clientDataJSON")));
		attestation.put("attestationObject", Base64Url
			.encode(Base64Url.decode(this.response.attestationObject(), "credential.response.attestationObject")));
		if (this.response.transports() != null) {
			attestation.put("transports", this.response.transports());
		}
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", Base64Url.encode(rawIdBytes()));
		json.put("rawId", Base64Url.encode(rawIdBytes()));
		json.put("type", this.type);
		json.put("response", attestation);
		json.put("clientExtensionResults", Map.of());
		return json;
	}

	byte[] rawIdBytes() {
		return Base64Url.decode(this.rawId, "credential.rawId");
	}

	@Schema(name = "AuthenticatorAttestationResponseJSON")
	record Attestation(
			@Schema(description = "base64url of the client data JSON",
					example = "eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIn0") @NotBlank @Size(
							max = 4096) @Pattern(regexp = Base64Url.PATTERN) String clientDataJSON,
			@Schema(description = "base64url of the CBOR attestation object; attestation is not checked, so a "
					+ "\"none\" attestation is enough",
					example = "o2NmbXRkbm9uZWdhdHRTdG10oGhhdXRoRGF0YVg") @NotBlank @Size(
							max = 16384) @Pattern(regexp = Base64Url.PATTERN) String attestationObject,
			@Schema(example = "[\"internal\", \"hybrid\"]") @Size(
					max = 8) List<@NotNull @Pattern(regexp = "[a-z-]{1,16}") String> transports) {
	}

}
