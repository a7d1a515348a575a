package com.usercenter.binding;

import io.swagger.v3.oas.annotations.media.Schema;

/** One way a user signs in, with its subject masked. */
record IdentityView(@Schema(example = "wechat") String provider, @Schema(example = "o6_***2M") String subject,
		@Schema(description = "Epoch ms; null when not known") Long boundAt) {

	static String mask(String subject) {
		if (subject == null) {
			return null;
		}
		return (subject.length() <= 6) ? "***"
				: subject.substring(0, 3) + "***" + subject.substring(subject.length() - 2);
	}

}
