package com.usercenter.passkey;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Options for a passkey sign-in, and the id that names their challenge when it is
 * finished.
 */
@Schema(name = "PasskeySignInOptions")
record SignInOptions(@Schema(description = "send it back with the assertion; good once, for 5 minutes",
		example = "hT3kq9Zs0VbX7mW2nR5cY8aL1pE4uJ6dG0fK3oQiSwA") String challengeId, RequestOptions options) {

}
