package com.usercenter.privacy;

import java.util.Map;

import com.usercenter.core.CurrentUser;
import com.usercenter.core.Envelope;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.openapi.Answers;
import com.usercenter.limit.Limit;
import com.usercenter.limit.Limiter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "privacy")
@SecurityRequirement(name = "bearer")
@RestController
class ExportController {

	/** An export reads everything about the user: a few a day are plenty. */
	static final Limit EXPORTS = Limit.of("data-export", 10, java.time.Duration.ofDays(1));

	private final ExportService exports;

	private final Limiter limiter;

	ExportController(ExportService exports, Limiter limiter) {
		this.exports = exports;
		this.limiter = limiter;
	}

	@Operation(summary = "A copy of everything stored about the signed-in user (PIPL article 45)",
			description = "profile, contacts, identities with subjects in full, partner mappings, devices, sessions "
					+ "and audit events; no hash, token or sealed secret. At most 10 a day (42900).")
	@Answers({ ErrorCode.TOO_MANY_REQUESTS })
	@GetMapping("/api/v1/users/me/export")
	ResponseEntity<Envelope<Map<String, Object>>> export(CurrentUser user) {
		this.limiter.take(EXPORTS, Long.toString(user.userId()));
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.body(Envelope.ok(this.exports.export(user.userId())));
	}

}
