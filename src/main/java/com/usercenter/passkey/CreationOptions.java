package com.usercenter.passkey;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * WebAuthn's {@code PublicKeyCredentialCreationOptionsJSON} (Level 3's JSON form of Level
 * 2's options): hand it to {@code PublicKeyCredential.parseCreationOptionsFromJSON} in a
 * browser, to Android's Credential Manager as the request JSON, or decode the base64url
 * fields for iOS's {@code ASAuthorizationPlatformPublicKeyCredentialProvider}.
 */
@Schema(name = "PublicKeyCredentialCreationOptionsJSON",
		description = "WebAuthn creation options in their JSON form: base64url for bytes")
record CreationOptions(RelyingPartyEntity rp, UserEntity user,
		@Schema(description = "base64url of 32 random bytes, good once, for 5 minutes",
				example = "q1mS3bYtQk2Yw7eNnX0f3L9pW4oVd2c8RkzH5aJtU6E") String challenge,
		List<CredentialParameters> pubKeyCredParams,
		@Schema(description = "milliseconds", example = "300000") long timeout,
		@Schema(description = "the account's passkeys, so an authenticator that holds one says so instead of "
				+ "making a second") List<CredentialDescriptor> excludeCredentials,
		AuthenticatorSelection authenticatorSelection, @Schema(example = "none") String attestation) {

	@Schema(name = "PublicKeyCredentialRpEntity")
	record RelyingPartyEntity(@Schema(example = "example.com") String id,
			@Schema(example = "User Center") String name) {
	}

	@Schema(name = "PublicKeyCredentialUserEntityJSON")
	record UserEntity(
			@Schema(description = "the account's user handle: base64url of 32 random bytes, the same for all its "
					+ "passkeys; neither its user id nor a contact",
					example = "3vQ8m0c2Jk6yXg7lP1tZ9rWfA5bN4eHdU2sC8oKqLxM") String id,
			@Schema(description = "what the authenticator lists the passkey under: the username, email or mobile",
					example = "alice@example.com") String name,
			@Schema(example = "小明") String displayName) {
	}

	@Schema(name = "PublicKeyCredentialParameters")
	record CredentialParameters(@Schema(example = "public-key") String type,
			@Schema(description = "COSE algorithm: -7 ES256, -8 EdDSA, -257 RS256", example = "-7") int alg) {
	}

	@Schema(name = "AuthenticatorSelectionCriteria")
	record AuthenticatorSelection(@Schema(example = "required") String residentKey,
			@Schema(example = "true") boolean requireResidentKey,
			@Schema(example = "required") String userVerification) {
	}

}
