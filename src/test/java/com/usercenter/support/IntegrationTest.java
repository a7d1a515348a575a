package com.usercenter.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The running application on a random port against the run's real PostgreSQL. All
 * integration tests share one application context, so one database serves the run; tests
 * use their own rows.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "logging.structured.format.console=", "server.forward-headers-strategy=native",
				// chosen by conditions, which run before dynamic properties exist: ports
				// and URLs are in
				// PostgresTestConfig
				"usercenter.sms.provider=webhook", "usercenter.email.provider=smtp", "spring.mail.host=127.0.0.1",
				// the fake providers' app ids (their URLs and the app secrets, made
				// fresh for the run, are in PostgresTestConfig)
				"usercenter.social.wechat.app-id=wx-test-app", "usercenter.social.wechat-mini.app-id=wx-mini-test-app",
				"usercenter.social.weibo.app-key=123", "usercenter.social.qq.app-id=qq-test-app",
				"usercenter.social.apple.client-ids=com.example.usercenter,com.example.usercenter.watch",
				"usercenter.social.apple.team-id=TEAM123456", "usercenter.social.apple.key-id=KEY1234567",
				// a slow body is cut off sooner than in production, so its test is quick
				"usercenter.web.body-timeout=3s",
				// webhook receivers of tests listen on 127.0.0.1 over http; every context
				// of
				// the run delivers from the same outbox, so all of them allow it (the
				// SSRF
				// tests have a context of their own that does not), retry within seconds
				// and look for due deliveries often
				"usercenter.webhooks.allow-insecure-targets=true", "usercenter.webhooks.retry-delays=1s,1s,1s",
				"usercenter.webhooks.poll-interval=200ms" })
@Import(PostgresTestConfig.class)
public @interface IntegrationTest {

}
