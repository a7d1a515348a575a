package com.usercenter.verification;

import io.swagger.v3.oas.annotations.media.Schema;

/** A code is on its way. */
public record CodeSent(@Schema(description = "Seconds the code is good", example = "300") long expiresIn,
		@Schema(description = "Seconds before another may be sent", example = "60") long resendAfter) {

}
