package com.usercenter.audit;

import java.time.Instant;

import com.usercenter.core.Envelope;
import com.usercenter.core.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "admin-audit", description = "Who did what, when, from where")
@SecurityRequirement(name = "bearer")
@Validated
@RestController
class AuditAdminController {

	private final AuditService audit;

	AuditAdminController(AuditService audit) {
		this.audit = audit;
	}

	@Operation(summary = "Audit events, newest first, filtered by user, type and time (epoch ms, to exclusive)")
	@GetMapping("/api/v1/admin/audit-events")
	Envelope<PageResult<AuditEventView>> search(@RequestParam(required = false) @Min(1) Long userId,
			@Parameter(example = "login_failure") @RequestParam(required = false) @Pattern(
					regexp = "[a-z_]{1,48}") String type,
			@RequestParam(required = false) @PositiveOrZero Long from,
			@RequestParam(required = false) @PositiveOrZero Long to,
			@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		return Envelope.ok(this.audit.search(userId, type, (from != null) ? Instant.ofEpochMilli(from) : null,
				(to != null) ? Instant.ofEpochMilli(to) : null, page, size));
	}

}
