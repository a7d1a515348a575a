package com.usercenter.passkey;

import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * WebAuthn's {@code AuthenticationResponseJSON}: what
 * {@code PublicKeyCredential.toJSON()} answers after {@code navigator.credentials.get},
 * or Android's Credential Manager answers as its authentication response JSON. Other
 * members it carries are ignored.
 */
@Schema(name = "AuthenticationResponseJSON")
record AuthenticationResponse(
		@Schema(description = "base64url credential id",
				example = "Yk2oH6bC0tW1pQ9sVx3nE8aJr5mD7uFgZ4LhKiNcOeA") @NotBlank @Size(
						max = 1368) @Pattern(regexp = Base64Url.PATTERN) String id,
		@Schema(description = "the same bytes as id",
				example = "Yk2oH6bC0tW1pQ9sVx3nE8aJr5mD7uFgZ4LhKiNcOeA") @NotBlank @Size(
						max = 1368) @Pattern(regexp = Base64Url.PATTERN) String rawId,
		@Schema(example = "public-key") @NotNull @Pattern(regexp = "public-key") String type,
		@NotNull @Valid Assertion response,
		@Schema(example = "platform") @Pattern(regexp = "platform|cross-platform") String authenticatorAttachment) {

	/** The JSON webauthn4j reads, made from the checked fields only. */
	Map<String, Object> toWebAuthn4j() {
		Map<String, Object> assertion = new LinkedHashMap<>();
		assertion.put("clientDataJSON", Base64Url
			.encode(Base64Url.decode(this.response.clientDataJSON(), "credential.response.clientDataJSON")));
		assertion.put("authenticatorData", Base64Url
			.encode(Base64Url.decode(this.response.authenticatorData(), "credential.response.authenticatorData")));
		assertion.put("signature",
				Base64Url.encode(Base64Url.decode(this.response.signature(), "credential.response.signature")));
		byte[] userHandle = userHandleBytes();
		if (userHandle != null) {
			assertion.put("userHandle", Base64Url.encode(userHandle));
		}
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", Base64Url.encode(rawIdBytes()));
		json.put("rawId", Base64Url.encode(rawIdBytes()));
		json.put("type", this.type);
		json.put("response", assertion);
		json.put("clientExtensionResults", Map.of());
		return json;
	}

	byte[] rawIdBytes() {
		return Base64Url.decode(this.rawId, "credential.rawId");
	}

	/** The user handle the authenticator returned, or null when it returned none. */
	byte[] userHandleBytes() {
		String handle = this.response.userHandle();
		return (handle == null || handle.isEmpty()) ? null : Base64Url.decode(handle, "credential.response.userHandle");
	}

	@Schema(name = "AuthenticatorAssertionResponseJSON")
	record Assertion(
			@Schema(description = "base64url of the client data JSON",
					example = "eyJ0eXBlIjoid2ViYXV0aG4uZ2V0In0") @NotBlank @Size(
							max = 4096) @Pattern(regexp = Base64Url.PATTERN) String clientDataJSON,
			@Schema(description = "base64url of the authenticator data",
					example = "SZYN5YgOjGh0NBcPZHZgW4_krrmihjLHmVzzuoMdl2MFAAAAAQ") @NotBlank @Size(
							max = 2048) @Pattern(regexp = Base64Url.PATTERN) String authenticatorData,
			@Schema(description = "base64url of the signature over authenticatorData and the client data's hash",
					example = "MEUCIQDxqk3v0r6mYp8V7n1b2s9c4a5w6e7r8t9y0u1i2o3p4AIgZ") @NotBlank @Size(
							max = 1024) @Pattern(regexp = Base64Url.PATTERN) String signature,
			@Schema(description = "base64url user handle; discoverable passkeys always return it",
					example = "3vQ8m0c2Jk6yXg7lP1tZ9rWfA5bN4eHdU2sC8oKqLxM") @Size(
							max = 88) @Pattern(regexp = "[A-Za-z0-9_-]*={0,2}") String userHandle) {
	}

}
