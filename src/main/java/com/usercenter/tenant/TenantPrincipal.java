package com.usercenter.tenant;

/** The tenant a signed request comes from. */
record TenantPrincipal(long tenantId, String tenantKey) {

}
