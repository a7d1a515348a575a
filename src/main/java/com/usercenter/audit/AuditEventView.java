package com.usercenter.audit;

import io.swagger.v3.oas.annotations.media.Schema;

/** One audit event as ops read it. */
public record AuditEventView(@Schema(example = "981") long id, @Schema(example = "login_success") String type,
		@Schema(example = "1000002") Long userId, @Schema(example = "tk_3mK9x0Qa1bC2dE3f") String tenantKey,
		@Schema(example = "203.0.113.7") String ip, @Schema(description = "Epoch ms") long at,
		@Schema(example = "password") String detail) {

}
