package com.usercenter.account;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The administrator created at start-up.
 *
 * @param username its username
 * @param password its password (from the environment)
 */
@ConfigurationProperties("usercenter.bootstrap.admin")
record BootstrapAdminSettings(String username, String password) {

}
