package com.usercenter.catalog;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.usercenter.support.Api;
import com.usercenter.support.Api.Call;
import com.usercenter.support.ApiTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog apps read and admins write: hobbies, default avatars, communities and app
 * versions.
 */
class CatalogIntegrationTest extends ApiTestBase {

	@Test
	void hobbyCatalogIsSeededInChineseWithEnglishNames() {
		Api.Answer chinese = api().get("/api/v1/hobbies");
		Api.Answer english = api().send(Call.of("GET", "/api/v1/hobbies").header("Accept-Language", "en"));

		assertThat(chinese.data().size()).isGreaterThanOrEqualTo(10);
		assertThat(chinese.data().findValuesAsString("name")).contains("阅读", "跑步", "游泳");
		assertThat(english.data().findValuesAsString("name")).contains("Reading", "Running", "Swimming");
	}

	@Test
	void adminsAddRenameAndRemoveHobbies() {
		String admin = adminToken();
		String name = "攀岩" + unique();

		JsonNode created = api().post("/api/v1/admin/hobbies", Map.of("name", name, "nameEn", "Climbing"), admin)
			.data();
		boolean listed = api().get("/api/v1/hobbies").data().findValuesAsString("name").contains(name);
		JsonNode renamed = api()
			.patch("/api/v1/admin/hobbies/" + created.path("id").asLong(), Map.of("name", name + "!"), admin)
			.data();
		Api.Answer deleted = api()
			.send(Call.of("DELETE", "/api/v1/admin/hobbies/" + created.path("id").asLong()).bearer(admin));

		assertThat(listed).isTrue();
		assertThat(renamed.path("name").asString()).isEqualTo(name + "!");
		assertThat(deleted.code()).isEqualTo(200);
		assertThat(api().get("/api/v1/hobbies").data().findValuesAsString("name")).doesNotContain(name + "!");
	}

	@Test
	void removingAHobbyRemovesItFromUsers() {
		String admin = adminToken();
		long id = api().post("/api/v1/admin/hobbies", Map.of("name", "冲浪" + unique()), admin)
			.data()
			.path("id")
			.asLong();
		String user = newTenant()
			.post("/sessions-rest/associatedBusiness/loginTenant", Map.of("associatedId", "hobbyist-" + unique()))
			.data()
			.path("accessToken")
			.asString();
		api().send(Call.of("PUT", "/api/v1/users/me/hobbies").json(Map.of("hobbyIds", List.of(id, 1))).bearer(user));

		api().send(Call.of("DELETE", "/api/v1/admin/hobbies/" + id).bearer(admin));

		assertThat(api().get("/api/v1/users/me", user).data().path("hobbies").findValuesAsString("name"))
			.containsExactly("阅读");
	}

	@Test
	void duplicateHobbyNameAnswers40000() {
		Api.Answer answer = api().post("/api/v1/admin/hobbies", Map.of("name", "阅读"), adminToken());

		assertThat(answer.code()).isEqualTo(40000);
		assertThat(answer.data().path("errors").get(0).path("field").asString()).isEqualTo("name");
	}

	@Test
	void unknownHobbyAnswers40400() {
		String admin = adminToken();

		assertThat(api().patch("/api/v1/admin/hobbies/987654", Map.of("name", "x"), admin).code()).isEqualTo(40400);
		assertThat(api().send(Call.of("DELETE", "/api/v1/admin/hobbies/987654").bearer(admin)).code()).isEqualTo(40400);
	}

	@Test
	void catalogAdministrationNeedsTheAdminRole() {
		String user = newTenant()
			.post("/sessions-rest/associatedBusiness/loginTenant", Map.of("associatedId", "plain-" + unique()))
			.data()
			.path("accessToken")
			.asString();

		assertThat(api().post("/api/v1/admin/hobbies", Map.of("name", "x"), user).code()).isEqualTo(40300);
		assertThat(api().post("/api/v1/admin/communities", Map.of("name", "x", "cityId", 1), user).code())
			.isEqualTo(40300);
		assertThat(api().post("/api/v1/admin/avatars/defaults", Map.of("url", "https://x.example/a.png"), null).code())
			.isEqualTo(40100);
	}

	@Test
	void adminsAddAndRemoveDefaultAvatars() {
		String admin = adminToken();

		JsonNode added = api()
			.post("/api/v1/admin/avatars/defaults", Map.of("url", "https://cdn.example.com/cat.png"), admin)
			.data();
		boolean listed = api().get("/api/v1/avatars/defaults")
			.data()
			.findValuesAsString("url")
			.contains("https://cdn.example.com/cat.png");
		Api.Answer removed = api()
			.send(Call.of("DELETE", "/api/v1/admin/avatars/defaults/" + added.path("id").asLong()).bearer(admin));

		assertThat(listed).isTrue();
		assertThat(removed.code()).isEqualTo(200);
		assertThat(api().get("/api/v1/avatars/defaults").data().findValues("id").stream().map(JsonNode::asLong))
			.doesNotContain(added.path("id").asLong());
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "{}", "{\"url\":\"\"}", "{\"url\":\"javascript:alert(1)\"}", "{\"url\":\"ftp://x/a.png\"}" })
	void invalidDefaultAvatarsAnswer40000(String body) {
		assertThat(api().post("/api/v1/admin/avatars/defaults", body, adminToken()).code()).isEqualTo(40000);
	}

	@Test
	void communitiesAreFoundByCityAndKeyword() {
		String admin = adminToken();
		long city = 900_000 + ThreadLocalRandom.current().nextInt(99_999);
		api().post("/api/v1/admin/communities", Map.of("name", "阳光花园", "cityId", city), admin);
		api().post("/api/v1/admin/communities", Map.of("name", "翠湖花园", "cityId", city), admin);
		api().post("/api/v1/admin/communities", Map.of("name", "滨江公寓", "cityId", city), admin);

		Api.Answer byCity = api().get("/api/v1/communities?cityId=" + city);
		Api.Answer byKeyword = api().get("/api/v1/communities?cityId=" + city + "&keyword=%E8%8A%B1%E5%9B%AD");

		assertThat(byCity.data().findValuesAsString("name")).containsExactlyInAnyOrder("阳光花园", "翠湖花园", "滨江公寓");
		assertThat(byKeyword.data().findValuesAsString("name")).containsExactlyInAnyOrder("阳光花园", "翠湖花园");
		assertThat(byCity.data().get(0).path("cityId").asLong()).isEqualTo(city);
	}

	@ParameterizedTest
	@ValueSource(strings = { "%25", "_", "%27", "%5C", "%F0%9F%98%80", "%27%20or%201%3D1--" })
	void hostileKeywordsAreSearchedAsPlainText(String keyword) {
		long city = 800_000 + ThreadLocalRandom.current().nextInt(99_999);
		api().post("/api/v1/admin/communities", Map.of("name", "普通小区", "cityId", city), adminToken());

		Api.Answer answer = api().get("/api/v1/communities?cityId=" + city + "&keyword=" + keyword);

		assertThat(answer.code()).isEqualTo(200);
		assertThat(answer.data().isEmpty()).isTrue();
	}

	@Test
	void keywordWithAPercentSignMatchesItLiterally() {
		long city = 700_000 + ThreadLocalRandom.current().nextInt(99_999);
		api().post("/api/v1/admin/communities", Map.of("name", "100%花园", "cityId", city), adminToken());
		api().post("/api/v1/admin/communities", Map.of("name", "100号花园", "cityId", city), adminToken());

		Api.Answer answer = api().get("/api/v1/communities?cityId=" + city + "&keyword=100%25");

		assertThat(answer.data().findValuesAsString("name")).containsExactly("100%花园");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"name\":\"x\"}", "{\"cityId\":1}", "{\"name\":\"\",\"cityId\":1}",
			"{\"name\":\"x\",\"cityId\":0}" })
	void invalidCommunitiesAnswer40000(String body) {
		assertThat(api().post("/api/v1/admin/communities", body, adminToken()).code()).isEqualTo(40000);
	}

	@Test
	void duplicateCommunityInACityAnswers40000() {
		long city = 600_000 + ThreadLocalRandom.current().nextInt(99_999);
		api().post("/api/v1/admin/communities", Map.of("name", "重名", "cityId", city), adminToken());

		assertThat(api().post("/api/v1/admin/communities", Map.of("name", "重名", "cityId", city), adminToken()).code())
			.isEqualTo(40000);
	}

	@Test
	void invalidCommunityQueriesAnswer40000() {
		assertThat(api().get("/api/v1/communities?cityId=abc").code()).isEqualTo(40000);
		assertThat(api().get("/api/v1/communities?cityId=-5").code()).isEqualTo(40000);
		assertThat(api().get("/api/v1/communities?keyword=" + "k".repeat(51)).code()).isEqualTo(40000);
	}

	@Test
	void upgradeAnswersTheNewestVersionAboveTheCallersOrNull() {
		// app types of its own (50-74): the duplicate test publishes a newer version
		// under 75-98
		int appType = 50 + ThreadLocalRandom.current().nextInt(25);
		String admin = adminToken();
		publish(admin, appType, "1.0.0", 100 + appType * 1000, false);
		publish(admin, appType, "2.0.0", 200 + appType * 1000, true);

		Api.Answer old = api().get("/api/v1/app/upgrade?appType=" + appType + "&versionCode=" + (50 + appType * 1000));
		Api.Answer middle = api()
			.get("/api/v1/app/upgrade?appType=" + appType + "&versionCode=" + (150 + appType * 1000));
		Api.Answer current = api()
			.get("/api/v1/app/upgrade?appType=" + appType + "&versionCode=" + (200 + appType * 1000));

		assertThat(old.data().path("version").asString()).isEqualTo("2.0.0");
		assertThat(middle.data().path("versionCode").asInt()).isEqualTo(200 + appType * 1000);
		assertThat(middle.data().path("forceUpdate").asBoolean()).isTrue();
		assertThat(middle.data().path("appType").asInt()).isEqualTo(appType);
		assertThat(middle.data().path("updatedAt").asLong()).isPositive();
		assertThat(current.code()).isEqualTo(200);
		assertThat(current.data().isNull()).isTrue();
	}

	@Test
	void duplicateVersionCodeAnswers40000() {
		int appType = 75 + ThreadLocalRandom.current().nextInt(24);
		String admin = adminToken();
		int code = 900_000 + ThreadLocalRandom.current().nextInt(99_999);
		publish(admin, appType, "3.0.0", code, false);

		Api.Answer again = api().post("/api/v1/admin/app-versions", Map.of("appType", appType, "version", "3.0.1",
				"versionCode", code, "url", "https://download.example.com/a.apk"), admin);

		assertThat(again.code()).isEqualTo(40000);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/v1/app/upgrade", "/api/v1/app/upgrade?appType=0", "/api/v1/app/upgrade?appType=x",
			"/api/v1/app/upgrade?appType=1&versionCode=-1" })
	void invalidUpgradeQueriesAnswer40000(String path) {
		assertThat(api().get(path).code()).isEqualTo(40000);
	}

	private void publish(String admin, int appType, String version, int versionCode, boolean force) {
		Map<String, Object> body = new HashMap<>(Map.of("appType", appType, "version", version, "versionCode",
				versionCode, "url", "https://download.example.com/app-" + version + ".apk", "title", "新版本", "msg",
				"修复了若干问题", "forceUpdate", force));
		Api.Answer answer = api().post("/api/v1/admin/app-versions", body, admin);
		assertThat(answer.code()).as(answer.toString()).isEqualTo(200);
	}

}
