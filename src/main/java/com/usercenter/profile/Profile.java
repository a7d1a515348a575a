package com.usercenter.profile;

import java.math.BigDecimal;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A user's profile. The owner sees its contacts in full; others get the public form,
 * without mobile, email, username or address.
 */
@Schema(description = "A user's profile")
public record Profile(@Schema(example = "1000001") long userId, @Schema(example = "小明") String nickname,
		@Schema(example = "https://cdn.example.com/a.png") String avatar, String background,
		@Schema(description = "0 unknown, 1 male, 2 female", example = "1") int sex,
		@Schema(description = "Epoch ms of the calendar day", example = "631152000000") Long birthday,
		@Schema(example = "35") Integer age, @Schema(description = "cm", example = "175") Integer height,
		@Schema(description = "cm", example = "80") Integer waist,
		@Schema(description = "kg", example = "68.5") BigDecimal weight, String signature, String address,
		Community community, List<Hobby> hobbies, @Schema(example = "+8613800138000") String mobile,
		@Schema(example = "alice@example.com") String email, @Schema(example = "alice") String username,
		@Schema(description = "Null in a public profile") Boolean hasPassword,
		@Schema(description = "Epoch ms", example = "1763856000000") long registeredAt,
		@Schema(description = "Whether the owner proved the mobile with a code; false when a partner or an admin "
				+ "set it. Null in a public profile or without a mobile") Boolean mobileVerified,
		@Schema(description = "The same for the email") Boolean emailVerified,
		@Schema(description = "A pending deletion; null when none (and in a public profile)") Deletion deletion) {

	/**
	 * The owner asked to delete the account: it is erased at {@code eraseAt} unless the
	 * owner cancels.
	 */
	public record Deletion(@Schema(example = "pending") String status, @Schema(description = "Epoch ms") long eraseAt) {
	}

	/** Where the user lives. */
	public record Community(long id, String name, long cityId) {
	}

	/** A hobby from the catalog. */
	public record Hobby(long id, String name) {
	}

}
