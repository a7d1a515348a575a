package com.usercenter.tenant;

import io.swagger.v3.oas.annotations.media.Schema;

/** A tenant's key and secret; answered only when the secret is made. */
@Schema(description = "Store the secret now: it is never shown again")
public record TenantCredentials(@Schema(example = "tk_3mK9x0Qa1bC2dE3f") String tenantKey,
		@Schema(example = "Zb4c2mQ0hX8w5y7nL1pR3sT6uV9kJ2dF4gH0aB8cE1o") String tenantSecret) {

}
