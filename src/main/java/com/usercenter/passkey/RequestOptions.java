package com.usercenter.passkey;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * WebAuthn's {@code PublicKeyCredentialRequestOptionsJSON}: for
 * {@code PublicKeyCredential.parseRequestOptionsFromJSON}, Android's Credential Manager,
 * or iOS's assertion request once the base64url fields are decoded.
 */
@Schema(name = "PublicKeyCredentialRequestOptionsJSON",
		description = "WebAuthn request options in their JSON form: base64url for bytes")
record RequestOptions(
		@Schema(description = "base64url of 32 random bytes, good once, for 5 minutes",
				example = "Zk3t1cV9yQm2Lw8pX0aR6bN4sHdE7uJgF5oYiKqTnWc") String challenge,
		@Schema(description = "milliseconds", example = "300000") long timeout,
		@Schema(example = "example.com") String rpId,
		@Schema(description = "empty: any passkey of this service the device holds (discoverable); with an "
				+ "account: its passkeys") List<CredentialDescriptor> allowCredentials,
		@Schema(example = "required") String userVerification) {

}
