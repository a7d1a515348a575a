package com.usercenter.admin;

import com.usercenter.core.openapi.Answers;
import com.usercenter.core.validation.PlainText;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.usercenter.core.ApiException;
import com.usercenter.core.CurrentUser;
import com.usercenter.core.Envelope;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.ErrorData;
import com.usercenter.core.PageResult;
import com.usercenter.user.Email;
import com.usercenter.user.Mobile;
import com.usercenter.user.UserStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.context.MessageSource;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "admin-users", description = "Users, for ops")
@SecurityRequirement(name = "bearer")
@Validated
@RestController
@RequestMapping("/api/v1/admin/users")
class AdminUserController {

	private final AdminUserService admin;

	private final Validator validator;

	private final MessageSource messages;

	AdminUserController(AdminUserService admin, Validator validator, MessageSource messages) {
		this.admin = admin;
		this.validator = validator;
		this.messages = messages;
	}

	@Operation(summary = "Users by ids and/or a substring of nickname or username, newest first",
			description = "Mobile and email are masked unless reveal=true, which is written to the audit trail.")
	@GetMapping
	Envelope<PageResult<AdminUserSummary>> list(CurrentUser user,
			@Parameter(description = "Only these ids, comma-separated (at most 100)") @RequestParam(
					required = false) @Size(max = 100) List<@Min(1) Long> ids,
			@Parameter(description = "A substring of the nickname or username, such as 小明") @RequestParam(
					required = false) @Size(max = 64) String name,
			@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
			@RequestParam(defaultValue = "false") boolean reveal) {
		return Envelope.ok(this.admin.list(user, ids, name, page, size, reveal));
	}

	@Operation(summary = "Ids of users with a device, by city and device type (0 all, 1 iOS, 2 Android)",
			description = "1000 ids per page; pass nextCursor as cursor for the next page, null after the last.")
	@GetMapping("/ids")
	Envelope<AdminUserService.UserIds> ids(@RequestParam(required = false) @Min(1) Long cityId,
			@RequestParam(defaultValue = "0") @Min(0) @Max(2) int deviceType,
			@RequestParam(defaultValue = "0") @Min(0) long cursor) {
		String type = switch (deviceType) {
			case 1 -> "ios";
			case 2 -> "android";
			default -> null;
		};
		return Envelope.ok(this.admin.userIds(cityId, type, cursor));
	}

	@Operation(summary = "One user with status, roles and identities (contacts masked unless reveal=true)")
	@Answers({ ErrorCode.USER_NOT_FOUND })
	@GetMapping("/{id}")
	Envelope<AdminProfile> get(CurrentUser user, @PathVariable long id,
			@RequestParam(defaultValue = "false") boolean reveal) {
		return Envelope.ok(this.admin.get(user, id, reveal));
	}

	@Operation(summary = "Create a user; a taken mobile, email or username answers 40900/40901/40904 with its userId",
			description = "The username is checked first. An answer that a mobile or email is taken names a holder "
					+ "of masked data: it is written to the audit trail as a reveal and counts against the admin's "
					+ "reveals (100 an hour, 42900 past them).")
	@Answers({ ErrorCode.MOBILE_IN_USE, ErrorCode.EMAIL_IN_USE, ErrorCode.USERNAME_IN_USE, ErrorCode.PASSWORD_POLICY,
			ErrorCode.TOO_MANY_REQUESTS })
	@PostMapping
	Envelope<Map<String, Long>> create(CurrentUser user, @Valid @RequestBody CreateUserRequest request) {
		checkContacts(request);
		return Envelope.ok(Map.of("userId", this.admin.create(user, request.toNewUser())));
	}

	@Operation(summary = "Create up to 50 users; one result per item, in order; good items are kept when others fail",
			description = "Each item answers as a single create would: a taken mobile or email is an audited, "
					+ "limited reveal.")
	@PostMapping("/batch")
	Envelope<List<BatchResult>> batch(CurrentUser user, @Valid @RequestBody BatchRequest request, Locale locale) {
		List<BatchResult> results = new ArrayList<>();
		for (int i = 0; i < request.users().size(); i++) {
			results.add(createOne(user, i, request.users().get(i), locale));
		}
		return Envelope.ok(results);
	}

	@Operation(summary = "Change status and roles; either ends every session of the user at once")
	@Answers({ ErrorCode.USER_NOT_FOUND })
	@PatchMapping("/{id}")
	Envelope<AdminProfile> change(CurrentUser user, @PathVariable long id,
			@Valid @RequestBody ChangeUserRequest request) {
		if (request.status() == null && request.roles() == null) {
			throw ApiException.invalid("status", "give status and/or roles");
		}
		UserStatus status = (request.status() != null) ? UserStatus.of(request.status()) : null;
		Set<String> roles = (request.roles() != null) ? new LinkedHashSet<>(request.roles()) : null;
		return Envelope.ok(this.admin.change(user, id, status, roles));
	}

	@Operation(summary = "Send a text to the user's mobile or email (10 per user per hour)")
	@Answers({ ErrorCode.USER_NOT_FOUND, ErrorCode.TOO_MANY_REQUESTS, ErrorCode.UPSTREAM_FAILED })
	@PostMapping("/{id}/messages")
	Envelope<Void> message(CurrentUser user, @PathVariable long id, @Valid @RequestBody MessageRequest request) {
		this.admin.message(user, id, "email".equals(request.channel()), request.text());
		return Envelope.ok();
	}

	private BatchResult createOne(CurrentUser user, int index, CreateUserRequest item, Locale locale) {
		if (item == null) {
			return result(index, null, ErrorCode.INVALID_REQUEST, locale);
		}
		Set<ConstraintViolation<CreateUserRequest>> violations = this.validator.validate(item);
		try {
			if (!violations.isEmpty()) {
				throw new ApiException(ErrorCode.INVALID_REQUEST);
			}
			checkContacts(item);
			return result(index, this.admin.create(user, item.toNewUser()), ErrorCode.SUCCESS, locale);
		}
		catch (ApiException ex) {
			Long holder = (ex.data() instanceof ErrorData.ExistingUser existing) ? existing.userId() : null;
			return result(index, holder, ex.errorCode(), locale);
		}
	}

	private BatchResult result(int index, Long userId, ErrorCode code, Locale locale) {
		return new BatchResult(index, userId, code.code(),
				this.messages.getMessage(code.messageKey(), null, code.name(), locale));
	}

	private static void checkContacts(CreateUserRequest request) {
		if (request.mobile() == null && request.email() == null) {
			throw ApiException.invalid("mobile", "give mobile and/or email");
		}
		if (request.email() != null && Email.parseOrNull(request.email()) == null) {
			throw ApiException.invalid("email", "must be an email address");
		}
	}

	record CreateUserRequest(@Schema(example = "13800138000") @Mobile String mobile,
			@Schema(example = "alice@example.com") @Size(max = 254) String email,
			@Schema(example = "alice", description = "3-32 characters, starting with a letter") @Pattern(
					regexp = "[A-Za-z][A-Za-z0-9_.-]{2,31}") String username,
			@Schema(example = "小明") @Size(min = 1, max = 32) @PlainText String nickname,
			@Schema(example = "s3cret-Passw0rd") @Size(max = 128) String password) {

		AdminUserService.NewUser toNewUser() {
			return new AdminUserService.NewUser(this.mobile, this.email, this.username, this.nickname, this.password);
		}

	}

	record BatchRequest(@NotEmpty @Size(max = 50) List<CreateUserRequest> users) {
	}

	record BatchResult(@Schema(example = "0") int index, @Schema(example = "1000042") Long userId,
			@Schema(example = "200") int code, @Schema(example = "成功") String msg) {
	}

	record ChangeUserRequest(@Schema(allowableValues = {
			"active", "disabled" }, example = "disabled") @Pattern(regexp = "active|disabled") String status,
			@Schema(example = "[\"USER\", \"ADMIN\"]") @Size(
					max = 2) List<@NotNull @Pattern(regexp = "USER|ADMIN") String> roles){
	}

	record MessageRequest(@Schema(allowableValues = {
			"sms", "email" }, example = "sms") @NotBlank @Pattern(regexp = "sms|email") String channel,
			@Schema(example = "您的会员即将到期") @NotBlank @Size(max = 500) String text){
	}

}
