package com.usercenter.account;

import com.usercenter.core.ApiException;
import com.usercenter.core.CurrentUser;
import com.usercenter.core.Envelope;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.openapi.Answers;
import com.usercenter.user.Contact;
import com.usercenter.user.Mobile;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "contacts", description = "Password, mobile and email of the signed-in user")
@SecurityRequirement(name = "bearer")
@RestController
@RequestMapping("/api/v1/users/me")
class CredentialController {

	private final CredentialService credentials;

	CredentialController(CredentialService credentials) {
		this.credentials = credentials;
	}

	@Operation(summary = "Change the password with the old one, or with a verify ticket for the own mobile or email",
			description = "Every other session of the account ends; this one stays.")
	@Answers({ ErrorCode.BAD_CREDENTIALS, ErrorCode.ACCOUNT_LOCKED, ErrorCode.PASSWORD_POLICY,
			ErrorCode.SECOND_FACTOR_WRONG, ErrorCode.TOO_MANY_REQUESTS })
	@PostMapping("/password")
	Envelope<Void> changePassword(CurrentUser user, @Valid @RequestBody ChangePasswordRequest request) {
		if ((request.oldPassword() == null) == (request.ticket() == null)) {
			throw ApiException.invalid("oldPassword", "give either oldPassword or ticket");
		}
		this.credentials.changePassword(user.userId(), user.sessionId(), request.oldPassword(), request.ticket(),
				request.newPassword(), request.mfaCode());
		return Envelope.ok();
	}

	@Operation(summary = "Set or change the mobile: a change_contact code sent to the new number, plus the password "
			+ "or a verify ticket for the current mobile or email when the account has one")
	@Answers({ ErrorCode.CODE_INVALID, ErrorCode.TICKET_INVALID, ErrorCode.MOBILE_IN_USE, ErrorCode.SECOND_FACTOR_WRONG,
			ErrorCode.ACCOUNT_LOCKED })
	@PostMapping("/mobile")
	Envelope<Void> changeMobile(CurrentUser user, @Valid @RequestBody ChangeMobileRequest request) {
		this.credentials.changeContact(user.userId(), Contact.mobile(request.mobile(), "mobile"), request.code(),
				request.password(), request.ticket(), request.mfaCode());
		return Envelope.ok();
	}

	@Operation(summary = "Set or change the email, the same way as the mobile")
	@Answers({ ErrorCode.CODE_INVALID, ErrorCode.TICKET_INVALID, ErrorCode.EMAIL_IN_USE, ErrorCode.SECOND_FACTOR_WRONG,
			ErrorCode.ACCOUNT_LOCKED })
	@PostMapping("/email")
	Envelope<Void> changeEmail(CurrentUser user, @Valid @RequestBody ChangeEmailRequest request) {
		this.credentials.changeContact(user.userId(), Contact.email(request.email(), "email"), request.code(),
				request.password(), request.ticket(), request.mfaCode());
		return Envelope.ok();
	}

	record ChangePasswordRequest(@Schema(example = "old-Passw0rd") @Size(max = 128) String oldPassword,
			@Schema(description = "Instead of oldPassword: a verify ticket for the own mobile or email") @Size(
					max = 128) String ticket,
			@Schema(example = "n3w-Passw0rd") @NotBlank @Size(max = 128) String newPassword,
			@Schema(description = "For an account with a second factor: a TOTP or recovery code from it",
					example = "123456") @Size(max = 32) String mfaCode) {
	}

	record ChangeMobileRequest(@Schema(example = "13900139000") @NotBlank @Mobile String mobile,
			@Schema(description = "change_contact code sent to the new mobile",
					example = "123456") @NotBlank @Pattern(regexp = "\\d{6}") String code,
			@Schema(example = "s3cret-Passw0rd") @Size(max = 128) String password,
			@Schema(description = "Instead of password: a verify ticket for the current mobile or email") @Size(
					max = 128) String ticket,
			@Schema(description = "For an account with a second factor: a TOTP or recovery code from it",
					example = "123456") @Size(max = 32) String mfaCode) {
	}

	record ChangeEmailRequest(@Schema(example = "alice@example.com") @NotBlank @Size(max = 254) String email,
			@Schema(description = "change_contact code sent to the new email",
					example = "123456") @NotBlank @Pattern(regexp = "\\d{6}") String code,
			@Schema(example = "s3cret-Passw0rd") @Size(max = 128) String password, @Size(max = 128) String ticket,
			@Schema(description = "For an account with a second factor: a TOTP or recovery code from it",
					example = "123456") @Size(max = 32) String mfaCode) {
	}

}
