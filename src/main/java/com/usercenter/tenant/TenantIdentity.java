package com.usercenter.tenant;

import java.time.Instant;

/** A user's mapping from a partner tenant. */
public record TenantIdentity(String tenantKey, String associatedId, Instant boundAt) {

}
