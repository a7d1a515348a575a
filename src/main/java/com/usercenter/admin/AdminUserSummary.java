package com.usercenter.admin;

import java.util.Set;

import com.usercenter.user.UserView;
import io.swagger.v3.oas.annotations.media.Schema;

/** A user in the admin list. */
record AdminUserSummary(@Schema(example = "1000002") long userId, @Schema(example = "小明") String nickname,
		String avatar, @Schema(example = "138****8000") String mobile,
		@Schema(example = "a***@example.com") String email, @Schema(example = "alice") String username,
		@Schema(example = "active") String status, @Schema(example = "[\"USER\"]") Set<String> roles,
		@Schema(description = "Epoch ms") long registeredAt) {

	static AdminUserSummary of(UserView user, boolean reveal) {
		return new AdminUserSummary(user.id(), user.details().nickname(), user.details().avatar(),
				Masking.mobile(user.mobile(), reveal), Masking.email(user.email(), reveal), user.username(),
				user.status().value(), user.roles(), user.createdAt().toEpochMilli());
	}

}
