package com.usercenter.binding;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One way a user signs in: its mobile, email, a WeChat/Weibo/QQ identity or a partner
 * mapping, with its subject masked unless an admin reveals it.
 *
 * @param provider {@code mobile}, {@code email}, {@code wechat}, {@code weibo},
 * {@code qq} or {@code tenant}
 * @param subject the number, address, provider id or {@code tenantKey:associatedId}
 * @param boundAt epoch ms; null when not known
 */
public record SignInMethod(@Schema(example = "wechat") String provider, @Schema(example = "o6_***2M") String subject,
		@Schema(description = "Epoch ms; null when not known") Long boundAt) {

	/** The one mask for provider ids and partner ids: a few characters at each end. */
	static String mask(String subject) {
		if (subject == null) {
			return null;
		}
		return (subject.length() <= 6) ? "***"
				: subject.substring(0, 3) + "***" + subject.substring(subject.length() - 2);
	}

}
