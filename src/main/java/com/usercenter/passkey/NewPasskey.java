package com.usercenter.passkey;

import io.swagger.v3.oas.annotations.media.Schema;

/** What registering a passkey answers. */
@Schema(name = "NewPasskey")
record NewPasskey(@Schema(example = "5b1f0c3e-8d7a-4e2b-9c61-2f4a7d9e0b13") String id,
		@Schema(example = "iPhone") String name, @Schema(example = "1763856000000") long createdAt) {

}
