package com.usercenter.profile;

import java.math.BigDecimal;
import java.util.List;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * How a profile PATCH looks, for the API description: every field optional, null clears
 * it.
 */
@Schema(name = "ProfilePatch", description = "Absent fields stay as they are; null clears a field")
record ProfilePatchSchema(@Schema(minLength = 1, maxLength = 32, example = "小明", nullable = true) String nickname,
		@Schema(maxLength = 512, description = "http(s) URL or a path on this service",
				example = "/api/v1/avatars/files/default-1.png", nullable = true) String avatar,
		@Schema(maxLength = 512, example = "https://cdn.example.com/bg.jpg", nullable = true) String background,
		@Schema(minimum = "0", maximum = "2", description = "0 unknown, 1 male, 2 female", example = "1",
				nullable = true) Integer sex,
		@Schema(description = "Epoch ms, 1900-01-01 to today", example = "631123200000", nullable = true) Long birthday,
		@Schema(minimum = "50", maximum = "250", description = "cm", example = "175", nullable = true) Integer height,
		@Schema(minimum = "30", maximum = "200", description = "cm", example = "80", nullable = true) Integer waist,
		@Schema(minimum = "2", maximum = "500", description = "kg, one decimal", example = "68.5",
				nullable = true) BigDecimal weight,
		@Schema(maxLength = 140, example = "今天也要加油", nullable = true) String signature,
		@Schema(maxLength = 200, example = "上海市浦东新区", nullable = true) String address,
		@Schema(description = "From GET /api/v1/communities", example = "12", nullable = true) Long communityId,
		@ArraySchema(schema = @Schema(example = "2"), maxItems = 20,
				arraySchema = @Schema(description = "From GET /api/v1/hobbies", nullable = true)) List<Long> hobbyIds) {

}
