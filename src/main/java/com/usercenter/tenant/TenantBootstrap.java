package com.usercenter.tenant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Creates the tenant named in {@code usercenter.tenant.bootstrap.*} at start-up when it
 * does not exist, so a partner can be tried without an admin call; with no tenant at all,
 * says how to make one.
 */
@Component
@Order(20)
class TenantBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(TenantBootstrap.class);

	private final TenantService tenants;

	private final TenantBootstrapSettings settings;

	TenantBootstrap(TenantService tenants, TenantBootstrapSettings settings) {
		this.tenants = tenants;
		this.settings = settings;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (StringUtils.hasText(this.settings.key()) && StringUtils.hasText(this.settings.secret())) {
			if (!this.tenants.exists(this.settings.key())) {
				try {
					this.tenants.create(this.settings.key(), "bootstrap", this.settings.secret());
					log.info("Created bootstrap tenant {}", this.settings.key());
				}
				catch (DataIntegrityViolationException ex) {
					log.info("Bootstrap tenant {} was created by another instance", this.settings.key());
				}
			}
		}
		else if (this.tenants.count() == 0) {
			log.info("No tenant yet. Create one with POST /api/v1/admin/tenants as an ADMIN, or start with "
					+ "USERCENTER_TENANT_BOOTSTRAP_KEY and USERCENTER_TENANT_BOOTSTRAP_SECRET set (see README).");
		}
	}

}
