package com.usercenter.events;

import io.swagger.v3.oas.annotations.media.Schema;

/** A subscription's new secret: shown in this answer only, then kept sealed. */
record WebhookSecret(@Schema(example = "12") long id, @Schema(
		example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw5s3GWwu8tqU=",
		description = "whsec_ and base64 of 32 random bytes; the HMAC key is the base64-decoded part") String secret) {

}
