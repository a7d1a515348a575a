package com.usercenter.events;

import io.swagger.v3.oas.annotations.media.Schema;

/** One event's delivery to one subscription, for ops. */
record DeliveryView(
		@Schema(example = "5f0c6a1e-8d2b-4c3e-9f7a-1b2c3d4e5f60",
				description = "the event id: the webhook-id header, the same on every attempt") String eventId,
		@Schema(example = "user.erased") String type, @Schema(example = "1000042") long userId,
		@Schema(example = "pending", allowableValues = {
				"pending", "delivered", "failed" }) String status,
		@Schema(example = "2", description = "attempts made so far") int attempts,
		@Schema(example = "503",
				description = "the HTTP status of the last attempt; 0 when it got no answer (refused target, "
						+ "connection failed, no answer within 10 s); null before the first") Integer lastStatus,
		@Schema(example = "1763856000000") Long lastAttemptAt,
		@Schema(example = "1763856300000",
				description = "when the next attempt is due; null unless pending") Long nextAttemptAt,
		@Schema(example = "answered 503",
				description = "why the last attempt failed; null when it did not") String lastError){

}
