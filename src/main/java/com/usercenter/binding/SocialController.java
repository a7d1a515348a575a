package com.usercenter.binding;

import java.util.List;

import com.usercenter.account.LoginResult;
import com.usercenter.account.SignInGate;
import com.usercenter.core.CurrentUser;
import com.usercenter.core.Envelope;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.metrics.Outcome;
import com.usercenter.core.openapi.Answers;
import com.usercenter.core.validation.PlainText;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "bound accounts", description = "WeChat, Weibo and QQ")
@Validated
@RestController
class SocialController {

	private final SocialService social;

	private final SignInGate signIns;

	SocialController(SocialService social, SignInGate signIns) {
		this.social = social;
		this.signIns = signIns;
	}

	@Operation(summary = "Sign in with WeChat (code), Weibo (accessToken + uid) or QQ (accessToken + openId)",
			description = "The credential is checked with the provider (40105 when it refuses, 50200 when it fails); "
					+ "a new identity creates the account (needInfo true) from the provider's nickname and avatar. "
					+ "Counted with the other anonymous sign-ins per client address and per network (by default 30 "
					+ "and 120 failed a minute) before the provider is asked: past either, 42900 with Retry-After.")
	@Outcome(counter = Outcome.SIGN_INS, method = "social")
	@Answers({ ErrorCode.SECOND_FACTOR_REQUIRED, ErrorCode.THIRD_PARTY_REJECTED, ErrorCode.ACCOUNT_DISABLED,
			ErrorCode.UPSTREAM_FAILED, ErrorCode.TOO_MANY_REQUESTS })
	@PostMapping("/api/v1/auth/login/social")
	Envelope<LoginResult> login(@Valid @RequestBody SocialRequest request) {
		return Envelope.ok(this.signIns.admit(() -> this.social.login(request.credential())));
	}

	@Operation(summary = "The ways the signed-in user signs in, subjects masked",
			security = @SecurityRequirement(name = "bearer"))
	@GetMapping("/api/v1/users/me/identities")
	Envelope<List<SignInMethod>> list(CurrentUser user) {
		return Envelope.ok(this.social.list(user.userId()));
	}

	@Operation(summary = "Bind a WeChat, Weibo, QQ or Apple account (40902 with needMerge when another user has it)",
			security = @SecurityRequirement(name = "bearer"))
	@Answers({ ErrorCode.THIRD_PARTY_REJECTED, ErrorCode.IDENTITY_BOUND, ErrorCode.UPSTREAM_FAILED })
	@PostMapping("/api/v1/users/me/identities")
	Envelope<SignInMethod> bind(CurrentUser user, @Valid @RequestBody SocialRequest request) {
		return Envelope.ok(this.social.bind(user.userId(), request.credential()));
	}

	@Operation(summary = "Unbind wechat, weibo, qq, apple, mobile or email (40903 when it is the last way to sign in)",
			security = @SecurityRequirement(name = "bearer"))
	@Answers({ ErrorCode.LAST_SIGN_IN_METHOD, ErrorCode.USER_NOT_FOUND })
	@DeleteMapping("/api/v1/users/me/identities/{provider}")
	Envelope<Void> unbind(CurrentUser user,
			@PathVariable @Pattern(regexp = "wechat|wechat_mini|weibo|qq|apple|mobile|email") String provider) {
		this.social.unbind(user.userId(), provider);
		return Envelope.ok();
	}

	record SocialRequest(@Schema(allowableValues = {
			"wechat", "wechat_mini", "weibo", "qq", "apple" },
			example = "wechat") @NotBlank @Pattern(regexp = "wechat|wechat_mini|weibo|qq|apple") String provider,
			@Schema(description = "WeChat: the code from the SDK; mini-program: the code from wx.login",
					example = "061aBc0w3Xyz") @Size(max = 256) String code,
			@Schema(description = "Weibo and QQ: the SDK's access token") @Size(max = 512) String accessToken,
			@Schema(description = "Weibo: the uid the token belongs to",
					example = "1404376560") @Size(max = 64) String uid,
			@Schema(description = "QQ: the openid the token belongs to") @Size(max = 128) String openId,
			@Schema(description = "Apple: the identity token (a JWT) from ASAuthorizationAppleIDCredential") @Size(
					max = 8192) String identityToken,
			@Schema(description = "Apple: the raw nonce the app put in the request; the token carries its "
					+ "SHA-256") @Size(max = 256) String nonce,
			@Schema(description = "Apple: the authorization code, kept so account deletion can revoke the "
					+ "sign-in") @Size(max = 1024) String authorizationCode,
			@Schema(description = "Apple: the name the user gave, told only at the first sign-in",
					example = "小明") @Size(min = 1, max = 32) @PlainText String nickname){

		SocialCredential credential() {
			return new SocialCredential(this.provider, this.code, this.accessToken, this.uid, this.openId,
					this.identityToken, this.nonce, this.authorizationCode, this.nickname);
		}

	}

}
