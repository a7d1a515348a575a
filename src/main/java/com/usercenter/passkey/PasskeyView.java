package com.usercenter.passkey;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A passkey as its owner sees it (and as the data export lists it): never its key.
 *
 * @param id to remove it with {@code DELETE /api/v1/users/me/passkeys/{id}}
 * @param name what the user called it
 * @param createdAt epoch ms
 * @param lastUsedAt epoch ms of its last sign-in, or null
 */
@Schema(name = "Passkey")
public record PasskeyView(@Schema(example = "5b1f0c3e-8d7a-4e2b-9c61-2f4a7d9e0b13") String id,
		@Schema(example = "iPhone") String name, @Schema(example = "1763856000000") long createdAt,
		@Schema(example = "1763942400000") Long lastUsedAt) {

}
