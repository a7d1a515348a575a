package com.usercenter.imports;

import java.util.List;

import com.usercenter.core.validation.PlainText;
import com.usercenter.user.Mobile;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * One line of an import file as the contract (9.2) writes it, checked field by field with
 * the rules the same values meet everywhere else (a mobile as sign-up reads it, a
 * username and a nickname as the admin API takes them). {@code birthday} is
 * {@code yyyy-MM-dd} or epoch milliseconds, {@code registeredAt} RFC 3339 or epoch
 * milliseconds: old systems export both.
 */
@Schema(description = "One line of an import file (application/x-ndjson: one such object a line)")
record ImportLine(
		@Schema(example = "u-10001",
				description = "The old system's id: a line whose externalId was imported "
						+ "before is skipped") @NotBlank @Size(max = 128) @PlainText String externalId,
		@Schema(example = "13800138001") @Mobile String mobile,
		@Schema(example = "li.lei@example.com") @Size(max = 254) String email,
		@Schema(example = "lilei", description = "3-32 characters, starting with a letter; stored lower-case") @Pattern(
				regexp = "[A-Za-z][A-Za-z0-9_.-]{2,31}") String username,
		@Schema(example = "李雷") @Size(min = 1, max = 32) @PlainText String nickname,
		@Schema(example = "1", description = "0 unknown, 1 male, 2 female") @Min(0) @Max(2) Integer sex,
		@Schema(example = "1990-05-01",
				description = "yyyy-MM-dd or epoch milliseconds") @Size(max = 32) String birthday,
		@Schema(example = "2019-05-01T08:00:00+08:00",
				description = "RFC 3339 or epoch milliseconds; now when absent") @Size(max = 40) String registeredAt,
		@Schema(example = "true",
				description = "Whether the old system proved the mobile with a code; "
						+ "default false: an unproven contact goes to whoever proves it") Boolean mobileVerified,
		@Schema(example = "false", description = "As mobileVerified, for the email") Boolean emailVerified,
		@Valid Password password,
		@Schema(description = "At most one per provider") @Size(max = 5) List<@NotNull @Valid Identity> identities,
		@Schema(description = "Partner mappings: loginTenant signs the account in by them") @Size(
				max = 20) List<@NotNull @Valid Tenant> tenants) {

	/**
	 * A hash of the old system, as {@code account.LegacyPasswords} reads it.
	 */
	@Schema(description = "The old system's hash, replaced by the service's own at the first right password")
	record Password(@Schema(example = "md5-salt-prefix", allowableValues = {
			"bcrypt", "argon2", "pbkdf2-sha1", "pbkdf2-sha256", "md5", "sha1", "sha256", "md5-salt-prefix",
			"sha1-salt-prefix", "sha256-salt-prefix", "md5-salt-suffix", "sha1-salt-suffix", "sha256-salt-suffix",
			"md5-md5" }) @NotBlank @Size(max = 32) String algorithm,
			@Schema(example = "4d6d2a5c36f4e1a0ba5d8f3b2bbd8ab0",
					description = "Hex, or the bcrypt or PHC string") @NotBlank @Size(max = 512) String hash,
			@Schema(example = "Xy7q",
					description = "The literal salt; hex bytes for pbkdf2") @Size(max = 256) String salt,
			@Schema(example = "310000", description = "pbkdf2 only") Integer iterations){
	}

	record Identity(@Schema(example = "wechat", allowableValues = {
			"wechat", "wechat_mini", "weibo", "qq", "apple" }) @NotNull @Pattern(
					regexp = "wechat|wechat_mini|weibo|qq|apple") String provider,
			@Schema(example = "oAbc123",
					description = "openid, uid, or Apple's sub") @NotBlank @Size(max = 128) @PlainText String subject,
			@Schema(example = "uAbc123", description = "WeChat's unionid (wechat and wechat_mini only)") @Size(min = 1,
					max = 128) @PlainText String unionId){
	}

	record Tenant(@Schema(example = "partner-a") @NotBlank @Size(max = 64) String tenantKey,
			@Schema(example = "pa-778") @NotBlank @Size(max = 128) @PlainText String associatedId) {
	}

}
