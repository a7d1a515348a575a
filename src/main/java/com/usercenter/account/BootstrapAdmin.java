package com.usercenter.account;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.usercenter.user.UserAdmin;
import com.usercenter.user.Users;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Creates the ADMIN account named in {@code usercenter.bootstrap.admin.*} when no user
 * has that username yet. An existing account is left as it is: the configured password is
 * not re-applied.
 */
@Component
@Order(10)
class BootstrapAdmin implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

	private final BootstrapAdminSettings settings;

	private final Users users;

	private final UserAdmin admin;

	private final boolean requireSecondFactor;

	BootstrapAdmin(BootstrapAdminSettings settings, Users users, UserAdmin admin,
			@Value("${usercenter.admin.require-second-factor:true}") boolean requireSecondFactor) {
		this.requireSecondFactor = requireSecondFactor;
		this.settings = settings;
		this.users = users;
		this.admin = admin;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!StringUtils.hasText(this.settings.username()) || !StringUtils.hasText(this.settings.password())) {
			return;
		}
		if (this.users.usernameTaken(this.settings.username())) {
			return;
		}
		try {
			this.admin.createAdmin(this.settings.username(), this.settings.password());
			log.info("Created bootstrap admin {}", this.settings.username());
			if (this.requireSecondFactor) {
				log.info(
						"Admin API calls need a session signed in with a second factor "
								+ "(usercenter.admin.require-second-factor): sign in as {}, enrol TOTP with "
								+ "POST /api/v1/users/me/mfa/totp and /confirm, then sign in again with the code "
								+ "(POST /api/v1/auth/login/mfa); README.md shows it with oathtool",
						this.settings.username());
			}
		}
		catch (DataIntegrityViolationException ex) {
			log.info("Bootstrap admin {} was created by another instance", this.settings.username());
		}
	}

}
