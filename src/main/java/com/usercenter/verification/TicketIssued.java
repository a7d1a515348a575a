package com.usercenter.verification;

import io.swagger.v3.oas.annotations.media.Schema;

/** A single-use ticket, good for the target and purpose its code was sent for. */
public record TicketIssued(@Schema(example = "Qm9uZFRpY2tldEV4YW1wbGVWYWx1ZTEyMzQ1Njc4OTA") String ticket,
		@Schema(example = "600") long expiresIn) {

}
