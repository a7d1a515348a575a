package com.usercenter.account;

import com.usercenter.core.ApiException;
import com.usercenter.core.Envelope;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.metrics.Outcome;
import com.usercenter.core.openapi.Answers;
import com.usercenter.core.validation.PlainText;
import com.usercenter.user.Contact;
import com.usercenter.verification.CaptchaGate;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
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

@Tag(name = "accounts")
@RestController
@RequestMapping("/api/v1/auth")
class AccountController {

	/** What every anonymous sign-in says about {@link SignInGate}. */
	static final String SIGN_IN_GATE = "Password, code and social sign-ins and password resets that fail are counted "
			+ "together per client address and per network (by default 30 and 120 a minute): past either, 42900 with "
			+ "Retry-After.";

	private final AccountService accounts;

	private final CaptchaGate gate;

	private final OneTap oneTap;

	private final SignInGate signIns;

	AccountController(AccountService accounts, CaptchaGate gate, OneTap oneTap, SignInGate signIns) {
		this.accounts = accounts;
		this.gate = gate;
		this.oneTap = oneTap;
		this.signIns = signIns;
	}

	@Operation(summary = "Sign in with a mobile number, email or username and a password",
			description = "Five wrong passwords within 15 minutes lock password sign-in for 15 minutes (42300), "
					+ "also for accounts that do not exist. While locked, a password is checked only with a "
					+ "solved captcha (captchaKey, captchaCode), so the owner can still sign in. The lock is told "
					+ "for the name typed: when the account's guesses were spent under another of its names, a "
					+ "password is not checked and the answer is 40102. " + SIGN_IN_GATE)
	@Outcome(counter = Outcome.SIGN_INS, method = "password")
	@Answers({ ErrorCode.SECOND_FACTOR_REQUIRED, ErrorCode.BAD_CREDENTIALS, ErrorCode.ACCOUNT_DISABLED,
			ErrorCode.ACCOUNT_LOCKED, ErrorCode.CAPTCHA_REQUIRED, ErrorCode.CAPTCHA_INVALID,
			ErrorCode.TOO_MANY_REQUESTS })
	@PostMapping("/login/password")
	Envelope<LoginResult> loginWithPassword(@Valid @RequestBody PasswordLoginRequest request) {
		return Envelope.ok(this.signIns.admit(() -> this.accounts.loginWithPassword(request.account(),
				request.password(), request.captchaKey(), request.captchaCode())));
	}

	@Operation(operationId = "register",
			summary = "Create an account with a mobile or email, a password and a register code (or ticket)",
			description = "Counted with /auth/exists per client address: past the hourly threshold a captcha is "
					+ "required (42800). The code is checked before whether the contact is taken (40900/40901).")
	@Outcome(counter = Outcome.SIGN_INS, method = "register")
	@Answers({ ErrorCode.CODE_INVALID, ErrorCode.CAPTCHA_INVALID, ErrorCode.TICKET_INVALID, ErrorCode.PASSWORD_POLICY,
			ErrorCode.MOBILE_IN_USE, ErrorCode.EMAIL_IN_USE, ErrorCode.CAPTCHA_REQUIRED, ErrorCode.TOO_MANY_REQUESTS })
	@PostMapping("/register")
	Envelope<LoginResult> register(@io.swagger.v3.oas.annotations.parameters.RequestBody(
			content = @Content(examples = @ExampleObject(name = "with a code",
					value = "{\"mobile\": \"13800138000\", \"password\": \"s3cret-Passw0rd\", \"code\": \"123456\", "
							+ "\"nickname\": \"小明\"}"))) @Valid @RequestBody RegisterRequest request) {
		requireOneOf(request.code(), request.ticket(), "code");
		Contact target = contact(request.mobile(), request.email());
		this.gate.passLookup(request.captchaKey(), request.captchaCode());
		return Envelope.ok(this.accounts.register(target, request.password(), request.code(), request.ticket(),
				request.nickname()));
	}

	@Operation(summary = "Sign in with a login code (or ticket); creates the account when there is none",
			description = SIGN_IN_GATE)
	@Outcome(counter = Outcome.SIGN_INS, method = "code")
	@Answers({ ErrorCode.SECOND_FACTOR_REQUIRED, ErrorCode.CODE_INVALID, ErrorCode.TICKET_INVALID,
			ErrorCode.ACCOUNT_DISABLED, ErrorCode.TOO_MANY_REQUESTS })
	@PostMapping("/login/code")
	Envelope<LoginResult> loginWithCode(@Valid @RequestBody CodeLoginRequest request) {
		requireOneOf(request.code(), request.ticket(), "code");
		return Envelope.ok(this.signIns.admit(() -> this.accounts
			.loginWithCode(contact(request.mobile(), request.email()), request.code(), request.ticket())));
	}

	@Operation(summary = "Sign in with the carrier's one-tap token; creates the account when there is none",
			description = "The token from the carrier SDK is exchanged for the number with Alibaba Cloud's number "
					+ "authentication. Counted per client address like code sends (42800 past the threshold). "
					+ "A token the provider refuses, or one-tap off: 40105; provider down: 50200.")
	@Outcome(counter = Outcome.SIGN_INS, method = "one_tap")
	@Answers({ ErrorCode.SECOND_FACTOR_REQUIRED, ErrorCode.THIRD_PARTY_REJECTED, ErrorCode.ACCOUNT_DISABLED,
			ErrorCode.UPSTREAM_FAILED })
	@PostMapping("/login/one-tap")
	Envelope<LoginResult> loginWithOneTap(@Valid @RequestBody OneTapRequest request) {
		this.gate.passSend(request.captchaKey(), request.captchaCode());
		return Envelope.ok(this.accounts.signInProvenOwner(this.oneTap.mobileOf(request.token()), "one_tap"));
	}

	@Operation(summary = "Set a new password with a reset_password code (or ticket); every session ends",
			description = SIGN_IN_GATE)
	@Answers({ ErrorCode.CODE_INVALID, ErrorCode.TICKET_INVALID, ErrorCode.PASSWORD_POLICY,
			ErrorCode.TOO_MANY_REQUESTS })
	@PostMapping("/password/reset")
	Envelope<Void> resetPassword(@Valid @RequestBody ResetPasswordRequest request) {
		requireOneOf(request.code(), request.ticket(), "code");
		this.signIns.admit(() -> this.accounts.resetPassword(contact(request.mobile(), request.email()), request.code(),
				request.ticket(), request.newPassword()));
		return Envelope.ok();
	}

	@Operation(summary = "Whether an account or identity exists",
			description = "Rate limited per client address: past the hourly threshold a captcha is required (42800).")
	@Answers({ ErrorCode.CAPTCHA_REQUIRED, ErrorCode.CAPTCHA_INVALID, ErrorCode.TOO_MANY_REQUESTS })
	@PostMapping("/exists")
	Envelope<Exists> exists(@Valid @RequestBody ExistsRequest request) {
		this.gate.passLookup(request.captchaKey(), request.captchaCode());
		return Envelope.ok(new Exists(this.accounts.exists(request.type(), request.identity())));
	}

	private static Contact contact(String mobile, String email) {
		if ((mobile == null) == (email == null)) {
			throw ApiException.invalid("mobile", "give either mobile or email");
		}
		return (mobile != null) ? Contact.mobile(mobile, "mobile") : Contact.email(email, "email");
	}

	private static void requireOneOf(String code, String ticket, String field) {
		if ((code == null) == (ticket == null)) {
			throw ApiException.invalid(field, "give either code or ticket");
		}
	}

	record PasswordLoginRequest(
			@Schema(description = "Mobile, email or username",
					example = "13800138000") @NotBlank @Size(max = 254) String account,
			@Schema(example = "s3cret-Passw0rd") @NotBlank @Size(max = 128) String password,
			@Schema(description = "From GET /api/v1/captcha, when the account is locked") @Size(
					max = 64) String captchaKey,
			@Schema(description = "The characters in the captcha image") @Size(max = 16) String captchaCode) {
	}

	record RegisterRequest(@Schema(example = "13800138000") @Size(max = 32) String mobile,
			@Schema(example = "alice@example.com") @Size(max = 254) String email,
			@Schema(description = "8-64 characters with letters and digits",
					example = "s3cret-Passw0rd") @NotBlank @Size(max = 128) String password,
			@Schema(example = "123456") @Pattern(regexp = "\\d{6}") String code,
			@Schema(description = "Instead of code: a ticket from /verification-codes/verify") @Size(
					max = 128) String ticket,
			@Schema(example = "小明") @Size(min = 1, max = 32) @PlainText String nickname,
			@Schema(description = "From GET /api/v1/captcha, when required") @Size(max = 64) String captchaKey,
			@Schema(description = "The characters in the captcha image") @Size(max = 16) String captchaCode) {
	}

	record CodeLoginRequest(@Schema(example = "13800138000") @Size(max = 32) String mobile,
			@Schema(example = "alice@example.com") @Size(max = 254) String email,
			@Schema(example = "123456") @Pattern(regexp = "\\d{6}") String code, @Size(max = 128) String ticket) {
	}

	record ResetPasswordRequest(@Schema(example = "13800138000") @Size(max = 32) String mobile,
			@Schema(example = "alice@example.com") @Size(max = 254) String email,
			@Schema(example = "123456") @Pattern(regexp = "\\d{6}") String code, @Size(max = 128) String ticket,
			@Schema(example = "n3w-Passw0rd") @NotBlank @Size(max = 128) String newPassword) {
	}

	record ExistsRequest(@Schema(allowableValues = {
			"mobile", "email", "username", "wechat", "weibo", "qq" },
			example = "mobile") @NotBlank @Pattern(regexp = "mobile|email|username|wechat|weibo|qq") String type,
			@Schema(example = "13800138000") @NotBlank @Size(max = 254) String identity,
			@Size(max = 64) String captchaKey, @Size(max = 16) String captchaCode){
	}

	record OneTapRequest(
			@Schema(description = "The token the carrier SDK (Alibaba Cloud number authentication) gave the app",
					example = "eyJjIjoiMTM4In0") @NotBlank @Size(max = 2048) String token,
			@Schema(description = "From GET /api/v1/captcha, when required") @Size(max = 64) String captchaKey,
			@Schema(description = "The characters in the captcha image") @Size(max = 16) String captchaCode) {
	}

	record Exists(boolean exists) {
	}

}
