package com.usercenter.tenant;

import io.swagger.v3.oas.annotations.media.Schema;

/** A tenant as administrators see it: never its secret. */
public record TenantView(@Schema(example = "tk_3mK9x0Qa1bC2dE3f") String tenantKey,
		@Schema(example = "Partner Fitness") String name, @Schema(example = "active") String status,
		@Schema(example = "1763856000000") long createdAt, @Schema(example = "1763856000000") long updatedAt) {

	static TenantView from(Tenant tenant) {
		return new TenantView(tenant.getTenantKey(), tenant.getName(), tenant.getStatus(),
				tenant.getCreatedAt().toEpochMilli(), tenant.getUpdatedAt().toEpochMilli());
	}

}
