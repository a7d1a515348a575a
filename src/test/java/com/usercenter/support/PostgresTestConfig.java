package com.usercenter.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Points the application at the run's {@link TestDatabase}, the test delivery servers
 * ({@link TestDeliveries}) and gives it the test secrets.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(TestClock.Config.class)
public class PostgresTestConfig {

	@Bean
	DynamicPropertyRegistrar testDatabaseProperties() {
		return (registry) -> {
			TestDatabase.Coordinates db = TestDatabase.get();
			registry.add("spring.datasource.url", db::url);
			registry.add("spring.datasource.username", db::username);
			registry.add("spring.datasource.password", db::password);
			registry.add("usercenter.crypto.master-key", TestSecrets::masterKey);
			registry.add("usercenter.bootstrap.admin.username", () -> TestSecrets.ADMIN_USERNAME);
			registry.add("usercenter.bootstrap.admin.password", TestSecrets::adminPassword);
			registry.add("usercenter.sms.webhook.url", TestDeliveries::webhookUrl);
			registry.add("usercenter.sms.webhook.read-timeout", () -> "2s");
			registry.add("spring.mail.port", TestDeliveries::smtpPort);
			registry.add("usercenter.social.wechat.base-url", TestDeliveries::providersUrl);
			registry.add("usercenter.social.weibo.base-url", TestDeliveries::providersUrl);
			registry.add("usercenter.social.qq.base-url", TestDeliveries::providersUrl);
			registry.add("usercenter.social.apple.base-url", TestDeliveries::providersUrl);
			registry.add("usercenter.social.apple.private-key", TestSecrets::applePrivateKeyPem);
			registry.add("usercenter.social.wechat.secret", TestSecrets::wechatSecret);
			registry.add("usercenter.social.wechat-mini.secret", TestSecrets::wechatMiniSecret);
			registry.add("usercenter.social.read-timeout", () -> "1s");
		};
	}

}
