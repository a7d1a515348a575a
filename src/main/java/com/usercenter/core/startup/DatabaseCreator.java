package com.usercenter.core.startup;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Creates the configured PostgreSQL database when it does not exist yet, before the pool
 * or Flyway touch it, so a fresh machine needs nothing prepared by hand. Turned off with
 * {@code usercenter.database.create-if-missing=false}.
 */
class DatabaseCreator implements BeanPostProcessor {

	private static final Logger log = LoggerFactory.getLogger(DatabaseCreator.class);

	private static final String INVALID_CATALOG = "3D000";

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
				&& pool.getJdbcUrl().startsWith("jdbc:postgresql:")) {
			ensureExists(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
		}
		return bean;
	}

	static void ensureExists(String jdbcUrl, String user, String password) {
		Properties props = new Properties();
		if (user != null) {
			props.setProperty("user", user);
		}
		if (password != null) {
			props.setProperty("password", password);
		}
		try (Connection ignored = DriverManager.getConnection(jdbcUrl, props)) {
			return;
		}
		catch (SQLException ex) {
			if (!INVALID_CATALOG.equals(ex.getSQLState())) {
				return; // not ours to handle: the pool reports it with its own retries
			}
		}
		URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
		String database = uri.getPath().substring(1);
		if (!database.matches("[A-Za-z0-9_]{1,63}")) {
			throw new IllegalStateException("Database " + database + " is missing and its name is not a plain one");
		}
		String maintenance = jdbcUrl.replaceFirst("/" + database + "(?=$|\\?)", "/postgres");
		try (Connection connection = DriverManager.getConnection(maintenance, props);
				Statement statement = connection.createStatement()) {
			statement.execute("create database " + database);
			log.info("Created database {}", database);
		}
		catch (SQLException ex) {
			if (!"42P04".equals(ex.getSQLState())) { // another instance created it
														// meanwhile
				throw new IllegalStateException("Database " + database + " is missing and cannot be created", ex);
			}
		}
	}

}
