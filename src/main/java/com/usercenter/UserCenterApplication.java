package com.usercenter;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * User Center: accounts, sign-in, tokens and profiles for mobile apps and partner
 * tenants.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class UserCenterApplication {

	public static void main(String[] args) {
		SpringApplication.run(UserCenterApplication.class, args);
	}

}
