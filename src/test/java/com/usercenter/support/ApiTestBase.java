package com.usercenter.support;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import com.usercenter.secrets.SecretBox;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What most integration tests need: the client, an admin token, a fresh tenant, unique
 * test data.
 */
@IntegrationTest
public abstract class ApiTestBase {

	private static final AtomicInteger SEQUENCE = new AtomicInteger();

	private static final java.util.Set<String> ISSUED_MOBILES = java.util.concurrent.ConcurrentHashMap.newKeySet();

	private static final AtomicInteger NETWORK = new AtomicInteger(ThreadLocalRandom.current().nextInt(512));

	@LocalServerPort
	protected int port;

	@Autowired
	private JdbcClient testJdbc;

	@Autowired
	private SecretBox testBox;

	private Api api;

	protected Api api() {
		if (this.api == null) {
			this.api = new Api(this.port);
		}
		return this.api;
	}

	protected String adminToken() {
		return AdminSecondFactor.token(api());
	}

	/** A new active tenant, made through the admin API. */
	protected TenantClient newTenant() {
		Api.Answer created = api().post("/api/v1/admin/tenants", Map.of("name", "test tenant " + unique()),
				adminToken());
		assertThat(created.code()).as(created.toString()).isEqualTo(200);
		JsonNode data = created.data();
		return new TenantClient(api(), data.path("tenantKey").asString(), data.path("tenantSecret").asString());
	}

	/**
	 * Sends a code by SMS (from an address of its own) and answers the code the webhook
	 * received.
	 */
	protected String smsCode(String mobile, String purpose) {
		int before = TestDeliveries.smsTo("+86" + mobile).size();
		Api.Answer sent = api().send(Api.Call.of("POST", "/api/v1/verification-codes")
			.json(Map.of("channel", "sms", "target", mobile, "purpose", purpose))
			.from(newIp()));
		assertThat(sent.code()).as(sent.toString()).isEqualTo(200);
		return TestDeliveries.awaitSmsCode("+86" + mobile, before);
	}

	/** Sends a code by email and answers the code the SMTP server received. */
	protected String emailCode(String email, String purpose) {
		int before = TestDeliveries.emailsTo(email).size();
		Api.Answer sent = api().send(Api.Call.of("POST", "/api/v1/verification-codes")
			.json(Map.of("channel", "email", "target", email, "purpose", purpose))
			.from(newIp()));
		assertThat(sent.code()).as(sent.toString()).isEqualTo(200);
		return TestDeliveries.awaitEmailCode(email, before);
	}

	/** A verified ticket for a mobile and purpose. */
	protected String ticket(String mobile, String purpose) {
		Api.Answer verified = api().post("/api/v1/verification-codes/verify",
				Map.of("target", mobile, "purpose", purpose, "code", smsCode(mobile, purpose)));
		assertThat(verified.code()).as(verified.toString()).isEqualTo(200);
		return verified.data().path("ticket").asString();
	}

	/**
	 * A captcha whose answer the test knows, stored as the service stores one (a keyed
	 * hash, live for five minutes of the service's clock).
	 */
	protected String knownCaptcha(String answer) {
		String key = "test-" + unique();
		this.testJdbc.sql("insert into captcha (captcha_key, answer_hash, expires_at) values (?, ?, ?)")
			.params(key, this.testBox.keyedHash("captcha", key + ":" + answer.toUpperCase(Locale.ROOT)),
					Timestamp.from(TestClock.now().plus(Duration.ofMinutes(5))))
			.update();
		return key;
	}

	/**
	 * Signs in a new user by SMS code (the account is made on the way): its login answer.
	 */
	protected JsonNode newUser(String mobile) {
		Api.Answer login = api().post("/api/v1/auth/login/code",
				Map.of("mobile", mobile, "code", smsCode(mobile, "login")));
		assertThat(login.code()).as(login.toString()).isEqualTo(200);
		return login.data();
	}

	/** The access token of a new ordinary user. */
	protected String newUserToken() {
		return newUser(newMobile()).path("accessToken").asString();
	}

	protected Api.Answer passwordLogin(String account, String password) {
		return api().post("/api/v1/auth/login/password", Map.of("account", account, "password", password));
	}

	/**
	 * Sends the calls at the same moment, one thread each, and answers their answers in
	 * order.
	 */
	protected static List<Api.Answer> runTogether(List<Callable<Api.Answer>> calls) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(calls.size());
		try {
			List<Api.Answer> answers = new ArrayList<>();
			for (Future<Api.Answer> future : pool.invokeAll(calls)) {
				answers.add(future.get());
			}
			return answers;
		}
		finally {
			pool.shutdownNow();
		}
	}

	protected static String unique() {
		return Long.toString(System.nanoTime(), 36) + SEQUENCE.incrementAndGet();
	}

	/**
	 * A client address of its own, in a /24 network of its own for the next 512 calls, so
	 * per-address and per-network limits of other tests do not count.
	 */
	public static String newIp() {
		int network = NETWORK.getAndIncrement() & 511;
		// 198.18.0.0/15 is for benchmarks: never one of Tomcat's trusted-proxy ranges
		return "198." + (18 + (network >> 8)) + "." + (network & 255) + "."
				+ (1 + ThreadLocalRandom.current().nextInt(254));
	}

	protected static String newEmail() {
		return "user-" + unique() + "@example.com";
	}

	/**
	 * A valid China Mobile number no other call of this run was given (drawn at random, a
	 * few thousand of 10^8 would meet each other in a run or two in a hundred).
	 */
	protected static String newMobile() {
		String mobile;
		do {
			mobile = "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
		}
		while (!ISSUED_MOBILES.add(mobile));
		return mobile;
	}

}
