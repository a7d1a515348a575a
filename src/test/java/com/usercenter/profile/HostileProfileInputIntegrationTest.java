package com.usercenter.profile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import com.usercenter.support.Api;
import com.usercenter.support.Api.Call;
import com.usercenter.support.ApiTestBase;
import com.usercenter.support.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Profile input as an attacker sends it: image bombs, numbers no field can hold,
 * addresses that load from elsewhere, names that read as other names, and bulk reads.
 */
class HostileProfileInputIntegrationTest extends ApiTestBase {

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private AvatarSettings avatarSettings;

	@Test
	void aSmallFileDeclaringAHugeImageIsRefusedBeforeDecoding() {
		byte[] bomb = TestImages.blackPng(8192, 8192);
		assertThat(bomb.length).isLessThan(300_000);
		long started = System.nanoTime();

		Api.Answer answer = upload(newUserToken(), bomb);

		assertThat(answer.code()).as(answer.toString()).isEqualTo(40000);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
	}

	@Test
	void eachFormatAtItsWorstShapeAnswers4xxBeforeAnythingIsDecoded() {
		String token = newUserToken();
		for (Map.Entry<String, byte[]> shape : TestImages.worstShapes().entrySet()) {
			long started = System.nanoTime();

			Api.Answer answer = upload(token, shape.getValue());

			assertThat(answer.status()).as(shape.getKey() + ": " + answer).isBetween(400, 499);
			if (shape.getKey().startsWith("GIF")) {
				assertThat(answer.code()).isEqualTo(41500);
			}
			else {
				assertThat(answer.code()).as(shape.getKey()).isEqualTo(40000);
				assertThat(answer.data().path("errors").path(0).path("field").asString()).isEqualTo("file");
			}
			assertThat(Duration.ofNanos(System.nanoTime() - started)).as(shape.getKey())
				.isLessThan(Duration.ofSeconds(2));
		}
	}

	@Test
	void twentyLargeUploadsAtOnceLeaveEveryoneElseServed() throws Exception {
		byte[] large = TestImages.blackPng(6000, 6000);
		List<String> tokens = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			tokens.add(newUserToken());
		}
		String bystander = newUserToken();
		List<Callable<Api.Answer>> uploads = new ArrayList<>();
		tokens.forEach((token) -> uploads.add(() -> upload(token, large)));
		CompletableFuture<List<Api.Answer>> running = CompletableFuture.supplyAsync(() -> {
			try {
				return runTogether(uploads);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		Thread.sleep(300);

		List<Duration> reads = new ArrayList<>();
		while (!running.isDone()) {
			long started = System.nanoTime();
			assertThat(api().get("/api/v1/users/me", bystander).code()).isEqualTo(200);
			reads.add(Duration.ofNanos(System.nanoTime() - started));
		}

		assertThat(running.get()).allSatisfy((answer) -> assertThat(answer.code()).isIn(200, 42900));
		assertThat(running.get()).anySatisfy((answer) -> assertThat(answer.code()).isEqualTo(200));
		assertThat(reads).isNotEmpty().allSatisfy((took) -> assertThat(took).isLessThan(Duration.ofSeconds(1)));
	}

	@Test
	void aReplacedAvatarFileIsDeletedWhenNobodyShowsIt() throws Exception {
		String token = newUserToken();
		String first = upload(token, TestImages.blackPng(40, 40)).data().path("avatar").asString();
		Path firstFile = this.avatarSettings.directory().resolve(first.substring(first.lastIndexOf('/') + 1));
		assertThat(firstFile).exists();

		String second = upload(token, TestImages.blackPng(41, 41)).data().path("avatar").asString();

		assertThat(second).isNotEqualTo(first);
		assertThat(Files.exists(firstFile)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"weight\": 1e400}", "{\"weight\": -1e400}", "{\"weight\": 1e99999}" })
	void aDecimalNoFieldCanHoldAnswers40000(String body) {
		Api.Answer answer = api().patch("/api/v1/users/me", body, newUserToken());

		assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
		assertThat(answer.code()).as("a number, out of the field's range").isEqualTo(40000);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"height\": 1e400}", "{\"waist\": 1e400}", "{\"sex\": 1e400}", "{\"birthday\": 1e400}",
			"{\"communityId\": 1e400}", "{\"hobbyIds\": [1e400]}", "{\"height\": 99999999999999999999}",
			"{\"birthday\": 99999999999999999999999}", "{\"weight\": NaN}" })
	void aNumberOfTheWrongKindAnswers40001(String body) {
		Api.Answer answer = api().patch("/api/v1/users/me", body, newUserToken());

		assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
		assertThat(answer.code()).as("not a value of the field's type: wrong type").isEqualTo(40001);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"height\": 1e400}", "{\"birthday\": 1e400}", "{\"sex\": 99999999999999999999}",
			"{\"waist\": 1.5e300}" })
	void partnersNumbersNoFieldCanHoldAnswer400(String body) {
		var tenant = newTenant();
		String associatedId = "numbers-" + unique();
		tenant.post("/sessions-rest/associatedBusiness/loginTenant", Map.of("associatedId", associatedId));

		Api.Answer answer = api().send(tenant
			.sign(Call.of("POST", "/user-rest/userInfo/updateUserDetail?associatedId=" + associatedId).json(body)));

		assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
	}

	@ParameterizedTest
	@ValueSource(strings = { "//evil.example/x.png", "/avatars/../../etc/passwd", "/a/%2e%2e/b.png",
			"javascript:alert(1)", "http:///x.png", "https://user:pass@cdn.example/x.png", "/a b.png",
			"\\\\\\\\evil\\\\x.png", "data:image/png;base64,AAAA" })
	void imageAddressesThatLoadFromElsewhereAreRefused(String url) {
		String token = newUserToken();

		Api.Answer avatar = api().patch("/api/v1/users/me", Map.of("avatar", url), token);
		Api.Answer background = api().patch("/api/v1/users/me", Map.of("background", url), token);

		assertThat(avatar.code()).as(avatar.toString()).isEqualTo(40000);
		assertThat(background.code()).isEqualTo(40000);
	}

	@ParameterizedTest
	@ValueSource(strings = { "abc\u202Egnp.exe", "\u2066admin\u2069", "<img src=x onerror=alert(1)>", "a\u0000b",
			"a\u200Fb", "tab\there" })
	void namesThatReadAsSomethingElseAreRefused(String nickname) {
		Api.Answer patch = api().patch("/api/v1/users/me", Map.of("nickname", nickname), newUserToken());
		Api.Answer signature = api().patch("/api/v1/users/me", Map.of("signature", nickname), newUserToken());
		String mobile = newMobile();
		Api.Answer register = api().post("/api/v1/auth/register", Map.of("mobile", mobile, "password", "Plain-passw0rd",
				"code", smsCode(mobile, "register"), "nickname", nickname));

		assertThat(patch.code()).as(patch.toString()).isEqualTo(40000);
		assertThat(signature.code()).isEqualTo(40000);
		assertThat(register.code()).isEqualTo(40000);
	}

	@Test
	void ordinaryNamesInAnyScriptAreKept() {
		Api.Answer answer = api().patch("/api/v1/users/me", Map.of("nickname", "小明 Ünïcødé 😀"), newUserToken());

		assertThat(answer.code()).as(answer.toString()).isEqualTo(200);
		assertThat(answer.data().path("nickname").asString()).isEqualTo("小明 Ünïcødé 😀");
	}

	@Test
	void publicProfilesCannotBeReadInBulk() {
		String token = newUserToken();
		long target = newUser(newMobile()).path("userId").asLong();
		for (int i = 0; i < 60; i++) {
			assertThat(api().get("/api/v1/users/" + target, token).code()).isEqualTo(200);
		}

		Api.Answer refused = api().get("/api/v1/users/" + target, token);

		assertThat(refused.code()).isEqualTo(42900);
		assertThat(refused.header("Retry-After")).isNotNull();
	}

	@Test
	void publicProfileReadsArePerAddressToo() {
		String ip = newIp();
		long target = newUser(newMobile()).path("userId").asLong();
		for (int i = 0; i < 4; i++) {
			String token = newUserToken();
			for (int j = 0; j < 30; j++) {
				api().send(Call.of("GET", "/api/v1/users/" + target).bearer(token).from(ip));
			}
		}

		Api.Answer refused = api().send(Call.of("GET", "/api/v1/users/" + target).bearer(newUserToken()).from(ip));

		assertThat(refused.code()).isEqualTo(42900);
	}

	@Test
	void publicProfileReadsArePerIpv6SubscriberToo() {
		String subscriber = "2001:db8:"
				+ Integer.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextInt(0xffff)) + ":3::";
		long target = newUser(newMobile()).path("userId").asLong();
		for (int i = 0; i < 4; i++) {
			String token = newUserToken();
			for (int j = 0; j < 30; j++) {
				api().send(Call.of("GET", "/api/v1/users/" + target)
					.bearer(token)
					.from(subscriber + Integer.toHexString(i * 30 + j + 1)));
			}
		}

		Api.Answer refused = api()
			.send(Call.of("GET", "/api/v1/users/" + target).bearer(newUserToken()).from(subscriber + "ffff"));

		assertThat(refused.code()).isEqualTo(42900);
	}

	@Test
	void aUserKeepsAtMostTwentyDevices() {
		var user = newUser(newMobile());
		JsonLogin login = new JsonLogin(user.path("userId").asLong(), user.path("accessToken").asString());
		for (int i = 0; i < 25; i++) {
			assertThat(api()
				.post("/api/v1/users/me/devices", Map.of("deviceType", "ios", "deviceId", "device-" + i), login.token())
				.code()).isEqualTo(200);
		}

		List<String> kept = this.jdbc.sql("select device_id from device where user_id = ? order by device_id")
			.param(login.userId())
			.query(String.class)
			.list();

		assertThat(kept).hasSize(20).contains("device-24").doesNotContain("device-0");
	}

	private Api.Answer upload(String token, byte[] png) {
		return api().send(
				Call.of("POST", "/api/v1/users/me/avatar").multipart("file", "a.png", "image/png", png).bearer(token));
	}

	private record JsonLogin(long userId, String token) {
	}

}
