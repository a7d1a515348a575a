package com.usercenter.tenant;

import java.util.List;

import com.usercenter.core.Envelope;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.openapi.Answers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "admin-tenants", description = "Partner tenants and their secrets")
@SecurityRequirement(name = "bearer")
@RestController
@RequestMapping("/api/v1/admin/tenants")
class TenantAdminController {

	private final TenantService tenants;

	TenantAdminController(TenantService tenants) {
		this.tenants = tenants;
	}

	@Operation(operationId = "createTenant", summary = "Create a tenant; its secret is shown only in this answer")
	@PostMapping
	Envelope<TenantCredentials> create(@Valid @RequestBody CreateTenantRequest request) {
		return Envelope.ok(this.tenants.create(request.name().trim()));
	}

	@Operation(operationId = "listTenants", summary = "List tenants (never their secrets)")
	@GetMapping
	Envelope<List<TenantView>> list() {
		return Envelope.ok(this.tenants.list());
	}

	@Operation(summary = "Replace a tenant's secret; the old one stops working at once")
	@Answers({ ErrorCode.NOT_FOUND })
	@PostMapping("/{tenantKey}/secret")
	Envelope<TenantCredentials> rotate(@PathVariable @Size(max = 64) String tenantKey) {
		return Envelope.ok(this.tenants.rotateSecret(tenantKey));
	}

	@Operation(summary = "Enable or disable a tenant")
	@Answers({ ErrorCode.NOT_FOUND })
	@PatchMapping("/{tenantKey}")
	Envelope<TenantView> changeStatus(@PathVariable @Size(max = 64) String tenantKey,
			@Valid @RequestBody ChangeTenantRequest request) {
		return Envelope.ok(this.tenants.changeStatus(tenantKey, request.status()));
	}

	record CreateTenantRequest(@Schema(example = "Partner Fitness") @NotBlank @Size(max = 100) String name) {
	}

	record ChangeTenantRequest(@Schema(example = "disabled", allowableValues = {
			"active", "disabled" }) @NotNull @Pattern(regexp = "active|disabled") String status){
	}

}
