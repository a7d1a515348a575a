package com.usercenter.privacy;

import java.time.Instant;

import com.usercenter.core.CurrentUser;
import com.usercenter.core.Envelope;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.openapi.Answers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "privacy", description = "Account deletion and data export (App Store 5.1.1(v), PIPL 45 and 47)")
@SecurityRequirement(name = "bearer")
@RestController
@RequestMapping("/api/v1/users/me/deletion")
class DeletionController {

	private final DeletionService deletions;

	DeletionController(DeletionService deletions) {
		this.deletions = deletions;
	}

	@Operation(
			summary = "Ask to delete the account: every session ends now, the account is erased when the "
					+ "cooling-off period (15 days) ends",
			description = "Proof: the password (counted against the sign-in lockout), or a verify ticket for the "
					+ "own mobile or email; {} only for an account with neither, from a session signed in "
					+ "within the last 10 minutes (40102 otherwise). Sign in again and DELETE this to keep the account.")
	@Answers({ ErrorCode.BAD_CREDENTIALS, ErrorCode.TICKET_INVALID, ErrorCode.ACCOUNT_LOCKED,
			ErrorCode.SECOND_FACTOR_WRONG, ErrorCode.TOO_MANY_REQUESTS })
	@PostMapping
	Envelope<Pending> request(CurrentUser user, @Valid @RequestBody DeletionRequest request) {
		Instant eraseAt = this.deletions.request(user.userId(), user.sessionId(), request.password(), request.ticket(),
				request.mfaCode());
		return Envelope.ok(new Pending("pending", eraseAt.toEpochMilli()));
	}

	@Operation(summary = "Keep the account: cancels a pending deletion (nothing to do when none is pending)",
			description = "From a session signed in after the request. A partner's session (tenant login) may "
					+ "cancel only a deletion that partner's own sign-in proved: 40300 otherwise.")
	@Answers({ ErrorCode.FORBIDDEN })
	@DeleteMapping
	Envelope<Void> cancel(CurrentUser user) {
		this.deletions.cancel(user.userId(), user.sessionId());
		return Envelope.ok();
	}

	record DeletionRequest(@Schema(example = "s3cret-Passw0rd") @Size(max = 128) String password,
			@Schema(description = "Instead of password: a verify ticket for the own mobile or email") @Size(
					max = 128) String ticket,
			@Schema(description = "For an account with a second factor: a TOTP or recovery code from it",
					example = "123456") @Size(max = 32) String mfaCode) {
	}

	record Pending(@Schema(example = "pending") String status,
			@Schema(description = "Epoch ms when the account is erased") long eraseAt) {
	}

}
