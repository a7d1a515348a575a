package com.usercenter.tenant;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * A tenant to create at start-up.
 *
 * @param key its tenant key
 * @param secret its HMAC secret (from the environment, never a file in the repository)
 */
@ConfigurationProperties("usercenter.tenant.bootstrap")
record TenantBootstrapSettings(String key, String secret) {

}
