package com.usercenter.account;

import com.usercenter.core.Envelope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
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
class PasswordLoginController {

	private final AccountService accounts;

	PasswordLoginController(AccountService accounts) {
		this.accounts = accounts;
	}

	@Operation(summary = "Sign in with a mobile number, email or username and a password")
	@PostMapping("/login/password")
	Envelope<LoginResult> login(@Valid @RequestBody PasswordLoginRequest request) {
		return Envelope.ok(this.accounts.loginWithPassword(request.account(), request.password()));
	}

	record PasswordLoginRequest(
			@Schema(description = "Mobile, email or username",
					example = "13800138000") @NotBlank @Size(max = 254) String account,
			@Schema(example = "s3cret-Passw0rd") @NotBlank @Size(max = 128) String password) {
	}

}
