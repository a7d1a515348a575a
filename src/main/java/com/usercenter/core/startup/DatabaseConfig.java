package com.usercenter.core.startup;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DatabaseConfig {

	@Bean
	@ConditionalOnBooleanProperty(name = "usercenter.database.create-if-missing", matchIfMissing = true)
	static DatabaseCreator databaseCreator() {
		return new DatabaseCreator();
	}

}
