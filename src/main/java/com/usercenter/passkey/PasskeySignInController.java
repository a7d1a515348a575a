package com.usercenter.passkey;

import com.usercenter.account.LoginResult;
import com.usercenter.core.Envelope;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.metrics.Outcome;
import com.usercenter.core.openapi.Answers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "passkeys")
@RestController
@RequestMapping("/api/v1/auth/login/passkey")
class PasskeySignInController {

	private final PasskeySignIn signIns;

	PasskeySignInController(PasskeySignIn signIns) {
		this.signIns = signIns;
	}

	@Operation(operationId = "passkeySignInOptions", summary = "Options to sign in with a passkey",
			description = "Without account: any passkey of this service the device holds (allowCredentials empty). "
					+ "With account (mobile, email or username): that account's passkeys; an account that does not "
					+ "exist or has none gets one made-up id, the same every time, so the answer never tells "
					+ "whether an account exists. Hand options to the platform and send what it answers, with "
					+ "challengeId, to POST /api/v1/auth/login/passkey within 5 minutes. Counted per client address "
					+ "(30 a minute).")
	@Answers({ ErrorCode.TOO_MANY_REQUESTS })
	@PostMapping("/options")
	Envelope<SignInOptions> options(@Valid @RequestBody(required = false) PasskeyOptionsRequest request) {
		return Envelope.ok(this.signIns.options((request != null) ? request.account() : null));
	}

	@Operation(operationId = "loginWithPasskey", summary = "Sign in with a passkey",
			description = "The assertion is checked with webauthn4j against the options' challenge (used up by this "
					+ "call, whatever its answer: unknown, used or expired 40101), the origin, the rp-id, user "
					+ "presence and verification, the passkey's public key and its signature counter, which must "
					+ "go up unless the authenticator keeps none. A passkey that is not registered, not the named "
					+ "account's, or fails a check: 40102. User verification makes this sign-in complete: no second "
					+ "step. Failures count with the other anonymous sign-ins per client address and network "
					+ "(42900).")
	@Outcome(counter = Outcome.SIGN_INS, method = "passkey")
	@Answers({ ErrorCode.BAD_CREDENTIALS, ErrorCode.TOKEN_EXPIRED, ErrorCode.ACCOUNT_DISABLED,
			ErrorCode.TOO_MANY_REQUESTS })
	@PostMapping
	Envelope<LoginResult> signIn(@Valid @RequestBody PasskeySignInRequest request) {
		return Envelope.ok(this.signIns.signIn(request.challengeId(), request.credential()));
	}

	record PasskeyOptionsRequest(@Schema(description = "Mobile, email or username; absent for a discoverable passkey",
			example = "13800138000") @Size(min = 1, max = 254) String account) {
	}

	record PasskeySignInRequest(@Schema(description = "From POST /api/v1/auth/login/passkey/options",
			example = "hT3kq9Zs0VbX7mW2nR5cY8aL1pE4uJ6dG0fK3oQiSwA") @NotBlank @Size(max = 64) String challengeId,
			@NotNull @Valid AuthenticationResponse credential) {
	}

}
