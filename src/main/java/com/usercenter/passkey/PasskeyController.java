package com.usercenter.passkey;

import java.util.List;

import com.usercenter.account.HolderProof;
import com.usercenter.core.CurrentUser;
import com.usercenter.core.Envelope;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.openapi.Answers;
import com.usercenter.core.validation.PlainText;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "passkeys", description = "Passkeys (WebAuthn): the signed-in user's, and signing in with one")
@SecurityRequirement(name = "bearer")
@RestController
@RequestMapping("/api/v1/users/me/passkeys")
class PasskeyController {

	private final Passkeys passkeys;

	private final HolderProof proof;

	PasskeyController(Passkeys passkeys, HolderProof proof) {
		this.passkeys = passkeys;
		this.proof = proof;
	}

	@Operation(operationId = "listPasskeys", summary = "The signed-in user's passkeys, oldest first (never a key)")
	@GetMapping
	Envelope<List<PasskeyView>> list(CurrentUser user) {
		return Envelope.ok(this.passkeys.list(user.userId()));
	}

	@Operation(operationId = "passkeyCreationOptions", summary = "Options to make a passkey for this account",
			description = "Hand them to the platform (navigator.credentials.create with "
					+ "PublicKeyCredential.parseCreationOptionsFromJSON, Android's Credential Manager, iOS's "
					+ "ASAuthorizationPlatformPublicKeyCredentialProvider) and send what it answers to "
					+ "POST /api/v1/users/me/passkeys within 5 minutes. The passkey is discoverable and verifies its "
					+ "user (residentKey and userVerification required). 40000 (field passkeys) when the account "
					+ "holds 20 passkeys. Counted per client address with the sign-in options (30 a minute).")
	@Answers({ ErrorCode.TOO_MANY_REQUESTS })
	@PostMapping("/options")
	Envelope<CreationOptions> options(CurrentUser user) {
		return Envelope.ok(this.passkeys.registrationOptions(user.userId()));
	}

	@Operation(operationId = "registerPasskey", summary = "Register the passkey the platform made for the options",
			description = "Checked with webauthn4j: the challenge of options this account asked for (used up by this "
					+ "call, whatever its answer), the origin (usercenter.passkeys.origins), the rp-id, user presence "
					+ "and user verification, the algorithm (ES256, EdDSA, RS256). Attestation is not checked, so a "
					+ "\"none\" attestation is enough. A refused passkey answers 40000 naming the field credential. "
					+ "An account with TOTP also gives mfaCode (step-up: 40000 without it, 40006 when wrong).")
	@Answers({ ErrorCode.SECOND_FACTOR_WRONG, ErrorCode.ACCOUNT_LOCKED })
	@PostMapping
	Envelope<NewPasskey> register(CurrentUser user, @Valid @RequestBody RegisterPasskeyRequest request) {
		this.proof.stepUp(user.userId(), request.mfaCode());
		return Envelope.ok(this.passkeys.register(user.userId(), request.name(), request.credential()));
	}

	@Operation(operationId = "deletePasskey", summary = "Remove one of the signed-in user's passkeys",
			description = "40400 when it is not one of the caller's passkeys. The authenticator keeps its copy: the "
					+ "user removes it there.")
	@Answers({ ErrorCode.NOT_FOUND, ErrorCode.SECOND_FACTOR_WRONG, ErrorCode.ACCOUNT_LOCKED })
	@DeleteMapping("/{id}")
	Envelope<Void> delete(CurrentUser user, @PathVariable String id,
			@Valid @RequestBody(required = false) StepUp request) {
		this.proof.stepUp(user.userId(), (request != null) ? request.mfaCode() : null);
		this.passkeys.delete(user.userId(), id);
		return Envelope.ok();
	}

	record RegisterPasskeyRequest(
			@Schema(description = "What the user calls it; \"Passkey\" when absent",
					example = "iPhone") @Size(max = 64) @PlainText String name,
			@NotNull @Valid RegistrationResponse credential,
			@Schema(description = "For an account with TOTP: a TOTP or recovery code (step-up)",
					example = "123456") @Size(max = 32) String mfaCode) {
	}

	/** An optional body of the removal: the step-up code of an account with TOTP. */
	@Schema(name = "PasskeyRemoval")
	record StepUp(@Schema(description = "For an account with TOTP: a TOTP or recovery code",
			example = "123456") @Size(max = 32) String mfaCode) {
	}

}
