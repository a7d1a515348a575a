package com.usercenter.tenant;

import com.usercenter.core.ErrorCode;
import com.usercenter.core.metrics.Outcome;
import com.usercenter.core.openapi.Answers;
import com.usercenter.core.validation.ImageUrl;
import com.usercenter.core.validation.PlainText;
import java.time.Clock;

import com.usercenter.core.Envelope;
import com.usercenter.core.validation.Birthday;
import com.usercenter.core.validation.Dates;
import com.usercenter.user.Mobile;
import com.usercenter.user.PhoneNumber;
import com.usercenter.user.ProfileUpdate;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The partner tenant API of seed 000, at its exact paths. Bodies are JSON or
 * form-encoded.
 */
@Tag(name = "tenant", description = "Partner servers, HMAC-signed (see the X-Signature scheme)")
@SecurityRequirement(name = "tenantSignature")
@Validated
@RestController
class TenantApiController {

	private static final String ASSOCIATED_ID = "The partner's id for the user, in the query string";

	private final TenantLoginService logins;

	private final Clock clock;

	TenantApiController(TenantLoginService logins, Clock clock) {
		this.logins = logins;
		this.clock = clock;
	}

	@Operation(summary = "Sign in the user mapped to an associatedId, creating it unless notCreate")
	@Outcome(counter = Outcome.SIGN_INS, method = "tenant")
	@Answers({ ErrorCode.USER_NOT_FOUND, ErrorCode.ACCOUNT_DISABLED })
	@PostMapping(path = "/sessions-rest/associatedBusiness/loginTenant",
			consumes = { MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_FORM_URLENCODED_VALUE })
	Envelope<LoginTenantResult> loginTenant(@AuthenticationPrincipal TenantPrincipal tenant,
			@Valid @RequestBody LoginTenantRequest request) {
		ProfileUpdate details = ProfileUpdate.unlessNull(request.userName(), null, request.sex(),
				Dates.toDate(request.birthday(), this.clock), request.height(), request.waist());
		TenantLoginService.TenantLogin login = this.logins.login(tenant, request.associatedId(),
				Boolean.TRUE.equals(request.notCreate()), Boolean.TRUE.equals(request.softLogin()), details);
		return Envelope.ok(new LoginTenantResult(login.tokens().userId(), login.tokens().accessToken(), login.created(),
				request.associatedId(), login.tokens().refreshToken(), login.tokens().expiresIn()));
	}

	@Operation(summary = "Change the mobile number of the user mapped to an associatedId")
	@Answers({ ErrorCode.USER_NOT_FOUND, ErrorCode.MOBILE_IN_USE })
	@PostMapping(path = "/user-rest/action/changeMobileByTenant",
			consumes = { MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_FORM_URLENCODED_VALUE })
	Envelope<Void> changeMobileByTenant(@AuthenticationPrincipal TenantPrincipal tenant,
			@Parameter(in = ParameterIn.QUERY, description = ASSOCIATED_ID,
					example = "partner-user-42") @RequestParam @NotBlank @Size(max = 128) String associatedId,
			@Valid @RequestBody ChangeMobileRequest request) {
		this.logins.changeMobile(tenant, associatedId, PhoneNumber.parseOrNull(request.mobile()));
		return Envelope.ok();
	}

	@Operation(summary = "Update profile fields of the user mapped to an associatedId",
			description = "data is true when something changed, false when nothing did")
	@Answers({ ErrorCode.USER_NOT_FOUND })
	@PostMapping(path = "/user-rest/userInfo/updateUserDetail",
			consumes = { MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_FORM_URLENCODED_VALUE })
	Envelope<Boolean> updateUserDetail(@AuthenticationPrincipal TenantPrincipal tenant,
			@Parameter(in = ParameterIn.QUERY, description = ASSOCIATED_ID,
					example = "partner-user-42") @RequestParam @NotBlank @Size(max = 128) String associatedId,
			@Valid @RequestBody UpdateUserDetailRequest request) {
		ProfileUpdate details = ProfileUpdate.unlessNull(request.name(), request.headImg(), request.sex(),
				Dates.toDate(request.birthday(), this.clock), request.height(), request.waist());
		return Envelope.ok(this.logins.updateDetail(tenant, associatedId, details));
	}

	record LoginTenantRequest(
			@Schema(description = "The partner's id for the user",
					example = "partner-user-42") @NotBlank @Size(max = 128) String associatedId,
			@Schema(description = "Answer 40401 instead of creating a user", defaultValue = "false") Boolean notCreate,
			@Schema(description = "Reuse the user's live session from this tenant",
					defaultValue = "false") Boolean softLogin,
			@Schema(description = "Nickname of a user this call creates", example = "小明") @Size(min = 1,
					max = 32) @PlainText String userName,
			@Schema(description = "0 unknown, 1 male, 2 female", example = "1") @Min(0) @Max(2) Integer sex,
			@Schema(description = "Epoch ms", example = "631152000000") @Birthday Long birthday,
			@Schema(description = "Centimetres", example = "175") @Min(50) @Max(250) Integer height,
			@Schema(description = "Centimetres", example = "80") @Min(30) @Max(200) Integer waist) {
	}

	record LoginTenantResult(@Schema(example = "1022043") long userId, String accessToken,
			@Schema(description = "true when this call created the user") boolean needInfo,
			@Schema(example = "partner-user-42") String associatedId, String refreshToken,
			@Schema(example = "7200") long expiresIn) {
	}

	record ChangeMobileRequest(@Schema(example = "13800138000") @NotBlank @Mobile String mobile) {
	}

	record UpdateUserDetailRequest(
			@Schema(description = "Nickname", example = "小明") @Size(min = 1, max = 32) @PlainText String name,
			@Schema(description = "Avatar URL",
					example = "https://cdn.example.com/a.png") @Size(max = 512) @ImageUrl String headImg,
			@Schema(example = "2") @Min(0) @Max(2) Integer sex,
			@Schema(description = "Epoch ms", example = "631152000000") @Birthday Long birthday,
			@Schema(example = "168") @Min(50) @Max(250) Integer height,
			@Schema(example = "70") @Min(30) @Max(200) Integer waist) {
	}

}
