package com.usercenter.mfa;

import com.usercenter.core.CurrentUser;
import com.usercenter.core.Envelope;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.openapi.Answers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Ops resetting a user's second factors, for the user who lost both the phone and the
 * recovery codes.
 */
@Tag(name = "admin-users", description = "Users, for ops")
@SecurityRequirement(name = "bearer")
@RestController
@RequestMapping("/api/v1/admin/users")
class AdminMfaController {

	private final SecondFactors factors;

	AdminMfaController(SecondFactors factors) {
		this.factors = factors;
	}

	@Operation(summary = "Remove a user's TOTP and recovery codes (the user lost its phone and its codes)",
			description = "Audited as admin_user_change on the user; the user's sessions stay. Confirm who is "
					+ "asking out of band first: this takes the account back to its password.")
	@Answers({ ErrorCode.USER_NOT_FOUND })
	@DeleteMapping("/{id}/mfa")
	Envelope<Void> reset(CurrentUser admin, @PathVariable long id) {
		this.factors.resetByAdmin(id, admin.userId());
		return Envelope.ok();
	}

}
