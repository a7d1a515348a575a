package com.usercenter.token;

import com.usercenter.audit.AuditService;
import com.usercenter.audit.AuditType;
import com.usercenter.core.CurrentUser;
import com.usercenter.core.Envelope;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.metrics.Outcome;
import com.usercenter.core.openapi.Answers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "accounts")
@RestController
@RequestMapping("/api/v1/auth")
class TokenController {

	private final SessionService sessions;

	private final AuditService audit;

	TokenController(SessionService sessions, AuditService audit) {
		this.sessions = sessions;
		this.audit = audit;
	}

	@Operation(summary = "Trade a refresh token for new tokens (the old refresh token stops working)")
	@Outcome(counter = Outcome.SIGN_INS, method = "refresh")
	@Answers({ ErrorCode.TOKEN_EXPIRED })
	@PostMapping("/refresh")
	Envelope<RefreshResult> refresh(@Valid @RequestBody RefreshRequest request) {
		return Envelope.ok(RefreshResult.from(this.sessions.refresh(request.refreshToken())));
	}

	@Operation(summary = "Sign out: the session and all its tokens stop working",
			security = @SecurityRequirement(name = "bearer"))
	@PostMapping("/logout")
	Envelope<Void> logout(CurrentUser user) {
		this.sessions.revoke(user.sessionId());
		this.audit.record(AuditType.LOGOUT, user.userId(), user.tenantKey(), null);
		return Envelope.ok();
	}

	record RefreshRequest(@Schema(example = "q8Vd0n2m1cXy7ZcJ3i7n4b2F0Hk2vB9x1cE5pYqL0aA") @NotBlank @Size(
			max = 128) String refreshToken) {
	}

	@Schema(description = "New tokens for the same session")
	record RefreshResult(@Schema(example = "1000001") long userId, String accessToken, String refreshToken,
			@Schema(example = "7200") long expiresIn, boolean needInfo) {

		static RefreshResult from(IssuedTokens tokens) {
			return new RefreshResult(tokens.userId(), tokens.accessToken(), tokens.refreshToken(), tokens.expiresIn(),
					false);
		}

	}

}
