package com.usercenter.passkey;

import io.swagger.v3.oas.annotations.media.Schema;

/** WebAuthn's {@code PublicKeyCredentialDescriptorJSON}: one passkey, by its id. */
@Schema(name = "PublicKeyCredentialDescriptorJSON")
record CredentialDescriptor(@Schema(example = "public-key") String type,
		@Schema(description = "base64url credential id",
				example = "Yk2oH6bC0tW1pQ9sVx3nE8aJr5mD7uFgZ4LhKiNcOeA") String id) {

	static CredentialDescriptor of(byte[] credentialId) {
		return new CredentialDescriptor("public-key", Base64Url.encode(credentialId));
	}

}
