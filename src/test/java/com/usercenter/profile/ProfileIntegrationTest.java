package com.usercenter.profile;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import javax.imageio.ImageIO;

import com.usercenter.support.Api;
import com.usercenter.support.Api.Call;
import com.usercenter.support.ApiTestBase;
import com.usercenter.support.TenantClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The own profile, its partial updates, the public profile, avatars, hobbies and devices.
 */
class ProfileIntegrationTest extends ApiTestBase {

	private String token;

	private long userId;

	@BeforeEach
	void signIn() {
		TenantClient tenant = newTenant();
		JsonNode login = tenant
			.post("/sessions-rest/associatedBusiness/loginTenant", Map.of("associatedId", "profile-" + unique()))
			.data();
		this.token = login.path("accessToken").asString();
		this.userId = login.path("userId").asLong();
		tenant.post("/user-rest/action/changeMobileByTenant?associatedId=" + login.path("associatedId").asString(),
				Map.of("mobile", newMobile()));
	}

	@Test
	void racingPatchesOfOneProfileAllApplyInTurn() throws Exception {
		List<Callable<Api.Answer>> calls = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			int height = 150 + i;
			int hobby = 1 + i % 3;
			calls.add(() -> api().patch("/api/v1/users/me", Map.of("height", height, "hobbyIds", List.of(hobby)),
					this.token));
		}

		List<Api.Answer> answers = runTogether(calls);

		assertThat(answers).allSatisfy((answer) -> assertThat(answer.code()).as(answer.toString()).isEqualTo(200));
		JsonNode profile = api().get("/api/v1/users/me", this.token).data();
		assertThat(profile.path("height").asInt()).isBetween(150, 157);
		assertThat(profile.path("hobbies")).hasSize(1);
	}

	@Test
	void patchSetsEveryFieldAndAnswersTheProfile() {
		long community = community("阳光花园-" + unique(), 310100);
		Map<String, Object> body = new HashMap<>();
		body.put("nickname", "小明");
		body.put("avatar", "https://cdn.example.com/a.png");
		body.put("background", "/api/v1/avatars/files/default-2.png");
		body.put("sex", 1);
		body.put("birthday", 631123200000L);
		body.put("height", 175);
		body.put("waist", 80);
		body.put("weight", 68.46);
		body.put("signature", "今天也要加油");
		body.put("address", "上海市浦东新区");
		body.put("communityId", community);
		body.put("hobbyIds", List.of(2, 3));

		Api.Answer answer = api().patch("/api/v1/users/me", body, this.token);

		JsonNode profile = answer.data();
		assertThat(answer.code()).as(answer.toString()).isEqualTo(200);
		assertThat(profile.path("nickname").asString()).isEqualTo("小明");
		assertThat(profile.path("background").asString()).isEqualTo("/api/v1/avatars/files/default-2.png");
		assertThat(profile.path("birthday").asLong()).isEqualTo(631123200000L);
		assertThat(profile.path("age").asInt()).isGreaterThanOrEqualTo(36);
		assertThat(profile.path("weight").decimalValue()).isEqualByComparingTo("68.5");
		assertThat(profile.path("community").path("id").asLong()).isEqualTo(community);
		assertThat(profile.path("community").path("cityId").asLong()).isEqualTo(310100);
		assertThat(profile.path("hobbies").findValuesAsString("name")).containsExactly("跑步", "健身");
		assertThat(api().get("/api/v1/users/me", this.token).data()).isEqualTo(profile);
	}

	@Test
	void absentFieldsStayAndNullFieldsAreCleared() {
		api().patch("/api/v1/users/me",
				Map.of("nickname", "留下", "height", 170, "signature", "旧签名", "hobbyIds", List.of(1)), this.token);
		Map<String, Object> body = new HashMap<>();
		body.put("signature", null);
		body.put("hobbyIds", null);
		body.put("sex", null);

		JsonNode profile = api().patch("/api/v1/users/me", body, this.token).data();

		assertThat(profile.path("nickname").asString()).isEqualTo("留下");
		assertThat(profile.path("height").asInt()).isEqualTo(170);
		assertThat(profile.path("signature").isNull()).isTrue();
		assertThat(profile.path("sex").asInt()).isZero();
		assertThat(profile.path("hobbies").isEmpty()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"nickname\":\"\"}", "{\"nickname\":\"   \"}",
			"{\"nickname\":\"123456789012345678901234567890123\"}", "{\"height\":49}", "{\"height\":251}",
			"{\"waist\":29}", "{\"waist\":201}", "{\"weight\":1.9}", "{\"weight\":500.1}", "{\"sex\":3}",
			"{\"birthday\":-2300000000000}", "{\"birthday\":99999999999999}", "{\"avatar\":\"javascript:alert(1)\"}",
			"{\"signature\":\"#\"}", "{\"communityId\":999999999}", "{\"hobbyIds\":[999999]}",
			"{\"hobbyIds\":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21]}" })
	void outOfBoundsValuesAnswer40000AndChangeNothing(String body) {
		api().patch("/api/v1/users/me", Map.of("nickname", "不变"), this.token);
		String patch = body.replace("\"#\"", "\"" + "签".repeat(141) + "\"");

		Api.Answer answer = api().patch("/api/v1/users/me", patch, this.token);

		assertThat(answer.code()).as(answer.toString()).isEqualTo(40000);
		assertThat(answer.data().path("errors").get(0).path("field").asString()).isNotBlank();
		assertThat(api().get("/api/v1/users/me", this.token).data().path("nickname").asString()).isEqualTo("不变");
	}

	@Test
	void everyBadFieldIsNamed() {
		Api.Answer answer = api().patch("/api/v1/users/me", "{\"height\":10,\"waist\":500}", this.token);

		assertThat(answer.data().path("errors").findValuesAsString("field")).containsExactlyInAnyOrder("height",
				"waist");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"height\":\"tall\"}", "{\"nickname\":5}", "{\"hobbyIds\":\"1,2\"}",
			"{\"hobbyIds\":[\"a\"]}", "{\"sex\":1.5}", "[1]", "\"x\"", "{" })
	void wrongTypesAnswer40001(String body) {
		assertThat(api().patch("/api/v1/users/me", body, this.token).code()).isEqualTo(40001);
	}

	@Test
	void publicProfileHidesContactsUsernameAndAddress() {
		api().patch("/api/v1/users/me", Map.of("nickname", "公开", "address", "秘密地址"), this.token);
		String viewer = newTenant()
			.post("/sessions-rest/associatedBusiness/loginTenant", Map.of("associatedId", "viewer-" + unique()))
			.data()
			.path("accessToken")
			.asString();

		JsonNode profile = api().get("/api/v1/users/" + this.userId, viewer).data();

		assertThat(profile.path("nickname").asString()).isEqualTo("公开");
		assertThat(profile.path("mobile").isNull()).isTrue();
		assertThat(profile.path("email").isNull()).isTrue();
		assertThat(profile.path("username").isNull()).isTrue();
		assertThat(profile.path("address").isNull()).isTrue();
		assertThat(profile.path("hasPassword").isNull()).isTrue();
	}

	@Test
	void publicProfileOfAnUnknownUserAnswers40401() {
		assertThat(api().get("/api/v1/users/987654321", this.token).code()).isEqualTo(40401);
		assertThat(api().get("/api/v1/users/not-a-number", this.token).code()).isEqualTo(40000);
		assertThat(api().get("/api/v1/users/" + this.userId).code()).isEqualTo(40100);
	}

	@Test
	void hobbiesAreReplacedAndShownInTheCallersLanguage() {
		Api.Answer replaced = api().send(Call.of("PUT", "/api/v1/users/me/hobbies")
			.json(Map.of("hobbyIds", List.of(1, 9, 1)))
			.bearer(this.token)
			.header("Accept-Language", "en"));

		assertThat(replaced.code()).isEqualTo(200);
		assertThat(replaced.data().findValuesAsString("name")).containsExactly("Reading", "Photography");
		assertThat(api().get("/api/v1/users/me", this.token).data().path("hobbies").findValuesAsString("name"))
			.containsExactly("阅读", "摄影");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{}", "{\"hobbyIds\":null}", "{\"hobbyIds\":[0]}", "{\"hobbyIds\":[424242]}" })
	void invalidHobbyReplacementsAnswer40000(String body) {
		assertThat(api().send(Call.of("PUT", "/api/v1/users/me/hobbies").json(body).bearer(this.token)).code())
			.isEqualTo(40000);
	}

	@Test
	void twoFilesUnderOneNameAnswer40000AndChangeNothing() throws Exception {
		byte[] png = image("png", 64, 64);
		String before = api().get("/api/v1/users/me", this.token).data().path("avatar").asString();

		Api.Answer answer = api().send(Call.of("POST", "/api/v1/users/me/avatar")
			.bearer(this.token)
			.multipart("file", "avatar.png", "image/png", png, png));

		assertThat(answer.code()).isEqualTo(40000);
		assertThat(answer.data().path("errors").get(0).path("message").asString()).isEqualTo("sent more than once");
		assertThat(api().get("/api/v1/users/me", this.token).data().path("avatar").asString()).isEqualTo(before);
	}

	@Test
	void uploadedPngIsReencodedStrippedAndServed() throws Exception {
		byte[] png = withPayload(image("png", 800, 600), "secret-payload");

		Api.Answer answer = upload("avatar.png", "image/png", png);

		assertThat(answer.code()).as(answer.toString()).isEqualTo(200);
		String url = answer.data().path("avatar").asString();
		assertThat(url).matches("/api/v1/avatars/files/[0-9a-f]{40}\\.png");
		assertThat(api().get("/api/v1/users/me", this.token).data().path("avatar").asString()).isEqualTo(url);
		Api.Answer file = api().get(url);
		assertThat(file.status()).isEqualTo(200);
		assertThat(file.header("Content-Type")).isEqualTo("image/png");
		assertThat(file.header("Cache-Control")).contains("max-age=31536000").contains("immutable");
		assertThat(new String(file.raw(), StandardCharsets.ISO_8859_1)).doesNotContain("secret-payload");
		BufferedImage stored = ImageIO.read(new ByteArrayInputStream(file.raw()));
		assertThat(stored.getWidth()).isEqualTo(512);
		assertThat(stored.getHeight()).isEqualTo(384);
	}

	@Test
	void jpegAndWebpAreAccepted() throws Exception {
		byte[] webp = Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

		assertThat(upload("photo.jpg", "image/jpeg", image("jpeg", 100, 100)).code()).isEqualTo(200);
		assertThat(upload("tiny.webp", "image/webp", webp).code()).isEqualTo(200);
	}

	@Test
	void typeIsJudgedByContentNotByNameOrContentType() throws Exception {
		Api.Answer jpegNamedPng = upload("x.png", "image/png", image("jpeg", 50, 50));
		Api.Answer textNamedPng = upload("x.png", "image/png", "<?php echo 1; ?>".getBytes(StandardCharsets.UTF_8));
		Api.Answer gif = upload("x.gif", "image/gif",
				"GIF89a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1));

		assertThat(jpegNamedPng.code()).isEqualTo(200);
		assertThat(textNamedPng.status()).isEqualTo(415);
		assertThat(textNamedPng.code()).isEqualTo(41500);
		assertThat(gif.code()).isEqualTo(41500);
	}

	@Test
	void fakeImageWithARealSignatureAnswers40000() {
		byte[] fake = new byte[200];
		byte[] magic = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A };
		System.arraycopy(magic, 0, fake, 0, magic.length);

		Api.Answer answer = upload("fake.png", "image/png", fake);

		assertThat(answer.code()).isEqualTo(40000);
		assertThat(answer.data().path("errors").get(0).path("field").asString()).isEqualTo("file");
	}

	@Test
	void oversizeUploadsAnswer41300() {
		byte[] big = new byte[2 * 1024 * 1024 + 1];
		big[0] = (byte) 0xFF;
		big[1] = (byte) 0xD8;
		big[2] = (byte) 0xFF;
		byte[] huge = new byte[4 * 1024 * 1024];

		assertThat(upload("big.jpg", "image/jpeg", big).code()).isEqualTo(41300);
		assertThat(upload("huge.jpg", "image/jpeg", huge).code()).isEqualTo(41300);
	}

	@Test
	void uploadWithoutAFileAnswers40000() {
		Api.Answer answer = api().send(Call.of("POST", "/api/v1/users/me/avatar")
			.multipart("other", "a.png", "image/png", new byte[] { 1 })
			.bearer(this.token));

		assertThat(answer.code()).isEqualTo(40000);
	}

	@Test
	void unknownAvatarFileAnswers40400() {
		assertThat(api().get("/api/v1/avatars/files/" + "0".repeat(40) + ".png").code()).isEqualTo(40400);
		assertThat(api().get("/api/v1/avatars/files/..%2F..%2Fetc%2Fpasswd").code()).isEqualTo(40000);
		assertThat(api().get("/api/v1/avatars/files/evil.svg").code()).isEqualTo(40400);
	}

	@Test
	void defaultAvatarsAreListedAndServed() {
		Api.Answer list = api().get("/api/v1/avatars/defaults");

		assertThat(list.code()).isEqualTo(200);
		assertThat(list.data().size()).isGreaterThanOrEqualTo(4);
		String url = list.data().get(0).path("url").asString();
		Api.Answer file = api().get(url);
		assertThat(file.status()).isEqualTo(200);
		assertThat(file.header("Content-Type")).isEqualTo("image/png");
	}

	@Test
	void devicesAreRegisteredOncePerDeviceId() {
		Map<String, Object> device = new HashMap<>(Map.of("deviceType", "android", "deviceId", "dev-" + unique(),
				"pushToken", "push-1", "appVersion", "2.3.0", "osVersion", "Android 14", "cityId", 310100));

		Api.Answer first = api().post("/api/v1/users/me/devices", device, this.token);
		device.put("pushToken", "push-2");
		Api.Answer second = api().post("/api/v1/users/me/devices", device, this.token);

		assertThat(first.code()).isEqualTo(200);
		assertThat(second.code()).isEqualTo(200);
		assertThat(second.data().isNull()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"deviceType\":\"windows\",\"deviceId\":\"x\"}", "{\"deviceType\":\"ios\"}",
			"{\"deviceType\":\"ios\",\"deviceId\":\"\"}", "{\"deviceType\":\"ios\",\"deviceId\":\"x\",\"cityId\":-1}" })
	void invalidDevicesAnswer40000(String body) {
		assertThat(api().post("/api/v1/users/me/devices", body, this.token).code()).isEqualTo(40000);
	}

	private Api.Answer upload(String filename, String contentType, byte[] data) {
		return api().send(Call.of("POST", "/api/v1/users/me/avatar")
			.multipart("file", filename, contentType, data)
			.bearer(this.token));
	}

	private long community(String name, long cityId) {
		Api.Answer created = api().post("/api/v1/admin/communities", Map.of("name", name, "cityId", cityId),
				adminToken());
		assertThat(created.code()).as(created.toString()).isEqualTo(200);
		return created.data().path("id").asLong();
	}

	private static byte[] image(String format, int width, int height) throws Exception {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setColor(Color.ORANGE);
		g.fillOval(0, 0, width, height);
		g.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, format, out);
		return out.toByteArray();
	}

	/** Appends a payload after the image data, as polyglot files do. */
	private static byte[] withPayload(byte[] image, String payload) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(image);
		out.writeBytes(payload.getBytes(StandardCharsets.UTF_8));
		return out.toByteArray();
	}

}
