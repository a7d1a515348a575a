package com.usercenter.mfa;

import java.util.List;

import com.usercenter.account.AccountService;
import com.usercenter.account.HolderProof;
import com.usercenter.account.LoginResult;
import com.usercenter.account.SignInGate;
import com.usercenter.core.CurrentUser;
import com.usercenter.core.Envelope;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.metrics.Outcome;
import com.usercenter.core.openapi.Answers;
import com.usercenter.mfa.SecondFactors.Enrolment;
import com.usercenter.mfa.SecondFactors.Finished;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Second factors of the signed-in user, and the second step of a sign-in.
 */
@Tag(name = "mfa", description = "Second factors: TOTP, recovery codes and the second step of a sign-in")
@RestController
class MfaController {

	private final SecondFactors factors;

	private final MfaAccounts accounts;

	private final AccountService signIns;

	private final SignInGate gate;

	MfaController(SecondFactors factors, MfaAccounts accounts, AccountService signIns, SignInGate gate) {
		this.factors = factors;
		this.accounts = accounts;
		this.signIns = signIns;
		this.gate = gate;
	}

	@Operation(operationId = "mfaStatus", summary = "The second factors of the signed-in user",
			description = "Never a secret or a code: whether TOTP is in force, how many recovery codes are left, "
					+ "and the passkeys.")
	@SecurityRequirement(name = "bearer")
	@GetMapping("/api/v1/users/me/mfa")
	Envelope<MfaStatus> status(CurrentUser user) {
		return Envelope.ok(this.accounts.status(user.userId()));
	}

	@Operation(operationId = "startTotp",
			summary = "Start a TOTP enrolment: a new secret, its otpauth:// URI and a QR code",
			description = "Proof as for a password change when the account has a password or a contact "
					+ "(password, or a verify ticket for the own mobile or email; wrong passwords count toward "
					+ "the account's lock). The secret is not in force until confirmed by a first code; starting "
					+ "again replaces one that was not confirmed. While a secret is in force: 40000 (remove it "
					+ "first). At most 10 starts an hour (42900).")
	@SecurityRequirement(name = "bearer")
	@Answers({ ErrorCode.BAD_CREDENTIALS, ErrorCode.TICKET_INVALID, ErrorCode.ACCOUNT_LOCKED,
			ErrorCode.TOO_MANY_REQUESTS })
	@PostMapping("/api/v1/users/me/mfa/totp")
	Envelope<Enrolment> startTotp(CurrentUser user, @Valid @RequestBody(required = false) EnrolRequest request) {
		EnrolRequest proof = (request != null) ? request : new EnrolRequest(null, null);
		return Envelope.ok(this.accounts.startTotp(user.userId(), proof.password(), proof.ticket()));
	}

	@Operation(operationId = "confirmTotp",
			summary = "Confirm the TOTP enrolment with a first code; answers ten recovery codes, shown only here",
			description = "A wrong code: 40006. At most 10 tries in 15 minutes (42900).")
	@SecurityRequirement(name = "bearer")
	@Answers({ ErrorCode.SECOND_FACTOR_WRONG, ErrorCode.TOO_MANY_REQUESTS })
	@PostMapping("/api/v1/users/me/mfa/totp/confirm")
	Envelope<RecoveryCodes> confirmTotp(CurrentUser user, @Valid @RequestBody CodeRequest request) {
		return Envelope.ok(new RecoveryCodes(this.factors.confirmTotp(user.userId(), request.code())));
	}

	@Operation(operationId = "removeTotp", summary = "Remove TOTP and its recovery codes, with a TOTP or recovery code",
			description = "Wrong codes count toward the account's sign-in lock: five wrong passwords and codes "
					+ "within 15 minutes answer 42300.")
	@SecurityRequirement(name = "bearer")
	@Answers({ ErrorCode.SECOND_FACTOR_WRONG, ErrorCode.ACCOUNT_LOCKED })
	@DeleteMapping("/api/v1/users/me/mfa/totp")
	Envelope<Void> removeTotp(CurrentUser user, @Valid @RequestBody CodeRequest request) {
		this.factors.removeTotp(user.userId(), request.code());
		return Envelope.ok();
	}

	@Operation(operationId = "loginWithSecondFactor",
			summary = "Finish a sign-in that answered 40106, with a TOTP or recovery code",
			description = "The mfaToken is single use and good for 5 minutes (unknown, used or expired: 40101); "
					+ "a wrong code (40006, with the attempts left) leaves it good. Wrong codes count with wrong "
					+ "passwords: five within 15 minutes lock the account's sign-in (42300). A TOTP code is "
					+ "accepted once.")
	@Outcome(counter = Outcome.SIGN_INS, method = "mfa")
	@Answers({ ErrorCode.TOKEN_EXPIRED, ErrorCode.SECOND_FACTOR_WRONG, ErrorCode.ACCOUNT_LOCKED,
			ErrorCode.ACCOUNT_DISABLED, ErrorCode.TOO_MANY_REQUESTS })
	@PostMapping("/api/v1/auth/login/mfa")
	Envelope<LoginResult> finishSignIn(@Valid @RequestBody SecondStepRequest request) {
		return Envelope.ok(this.gate.admit(() -> {
			Finished finished = this.factors.finish(request.mfaToken(), request.code());
			return this.signIns.finishSignIn(finished.userId(), finished.channel(), finished.created(), finished.amr());
		}));
	}

	record EnrolRequest(@Schema(example = "s3cret-Passw0rd") @Size(max = 128) String password,
			@Schema(description = "Instead of password: a verify ticket for the own mobile or email") @Size(
					max = 128) String ticket) {
	}

	record CodeRequest(@Schema(description = "A TOTP code, or for removal also a recovery code",
			example = "123456") @NotBlank @Size(max = 32) String code) {
	}

	record SecondStepRequest(
			@Schema(description = "From the 40106 answer",
					example = "Ze9CF1xddWkIiaZHOJ8vaizbZoYpX40SWUPBoyKahIw") @NotBlank @Size(max = 128) String mfaToken,
			@Schema(description = "A TOTP code or a recovery code",
					example = "123456") @NotBlank @Size(max = 32) String code) {
	}

	@Schema(description = "Shown only once: store them somewhere safe; each signs in once instead of a TOTP code")
	record RecoveryCodes(@Schema(example = "[\"a2b3c-d4e5f\"]") List<String> recoveryCodes) {
	}

}
