package com.usercenter.verification;

import com.usercenter.core.Envelope;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.metrics.Outcome;
import com.usercenter.core.openapi.Answers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "verification")
@RestController
@RequestMapping("/api/v1/verification-codes")
class VerificationController {

	private final VerificationService verification;

	VerificationController(VerificationService verification) {
		this.verification = verification;
	}

	@Operation(summary = "Send a 6-digit code by SMS or email",
			description = "One send per 60 s per target and purpose (42900), 10 per target per day; past the per-IP "
					+ "hourly threshold a captcha is required (42800). reset_password to an unknown account "
					+ "answers success and sends nothing.")
	@Outcome(counter = Outcome.CODE_SENDS, method = "api")
	@Answers({ ErrorCode.CAPTCHA_REQUIRED, ErrorCode.CAPTCHA_INVALID, ErrorCode.TOO_MANY_REQUESTS,
			ErrorCode.UPSTREAM_FAILED })
	@PostMapping
	Envelope<CodeSent> send(@Valid @RequestBody SendCodeRequest request) {
		return Envelope.ok(this.verification.send("email".equals(request.channel()), request.target(),
				Purpose.of(request.purpose()), request.captchaKey(), request.captchaCode()));
	}

	@Operation(summary = "Trade a code for a single-use ticket (10 minutes, same target and purpose)",
			description = "A wrong code answers 40002 with attemptsLeft; after 5 wrong tries the code is dead.")
	@Answers({ ErrorCode.CODE_INVALID })
	@PostMapping("/verify")
	Envelope<TicketIssued> verify(@Valid @RequestBody VerifyCodeRequest request) {
		return Envelope.ok(this.verification.verify(request.target(), Purpose.of(request.purpose()), request.code()));
	}

	record SendCodeRequest(@Schema(allowableValues = {
			"sms", "email" }, example = "sms") @NotBlank @Pattern(regexp = "sms|email") String channel,
			@Schema(description = "Mobile number or email",
					example = "13800138000") @NotBlank @Size(max = 254) String target,
			@Schema(allowableValues = { "register", "login", "reset_password", "change_contact", "verify" },
					example = "register") @NotBlank @Pattern(regexp = Purpose.PATTERN) String purpose,
			@Schema(description = "From GET /api/v1/captcha, when required") @Size(max = 64) String captchaKey,
			@Schema(description = "The characters in the captcha image",
					example = "K7PXA") @Size(max = 16) String captchaCode){
	}

	record VerifyCodeRequest(@Schema(example = "+8613800138000") @NotBlank @Size(max = 254) String target,
			@Schema(example = "register") @NotBlank @Pattern(regexp = Purpose.PATTERN) String purpose,
			@Schema(example = "123456") @NotBlank @Pattern(regexp = "\\d{6}") String code) {
	}

}
