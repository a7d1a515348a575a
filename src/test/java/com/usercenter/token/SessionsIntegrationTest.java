package com.usercenter.token;

import java.util.List;
import java.util.Map;

import com.usercenter.support.Api;
import com.usercenter.support.Api.Call;
import com.usercenter.support.ApiTestBase;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Sessions the user can see and end, and tokens other services verify from the issuer
 * alone (contract 8.4).
 */
class SessionsIntegrationTest extends ApiTestBase {

	private static final String PASSWORD = "Sess10ns-seen";

	@Test
	void aUserSeesItsLiveSessionsWithWhereTheyWereUsedAndEndsOne() {
		String mobile = registered();
		String ip = newIp();
		String phone = login(mobile, ip, "MyApp/2.3.0 (iPhone; iOS 18.1)").path("accessToken").asString();
		JsonNode tabletLogin = login(mobile, newIp(), "MyApp/2.3.0 (iPad; iPadOS 18.1)");
		String tablet = tabletLogin.path("accessToken").asString();
		String refreshIp = newIp();
		api().send(Call.of("POST", "/api/v1/auth/refresh")
			.json(Map.of("refreshToken", tabletLogin.path("refreshToken").asString()))
			.header("User-Agent", "MyApp/2.3.1 (iPad; iPadOS 18.2)")
			.from(refreshIp));

		JsonNode sessions = api().get("/api/v1/users/me/sessions", phone).data();
		JsonNode mine = find(sessions, true);

		assertThat(sessions.size()).isGreaterThanOrEqualTo(3);
		assertThat(mine.path("ip").asString()).isEqualTo(ip);
		assertThat(mine.path("userAgent").asString()).isEqualTo("MyApp/2.3.0 (iPhone; iOS 18.1)");
		assertThat(mine.path("channel").asString()).isEqualTo("password");
		JsonNode refreshed = null;
		for (JsonNode session : sessions) {
			if (refreshIp.equals(session.path("ip").asString())) {
				refreshed = session;
			}
		}
		assertThat(refreshed).as("the refresh moved the tablet's session to its new address").isNotNull();
		assertThat(refreshed.path("lastRefreshedAt").asLong()).isPositive();
		assertThat(refreshed.path("userAgent").asString()).contains("iPadOS 18.2");

		Api.Answer ended = api().send(
				Call.of("DELETE", "/api/v1/users/me/sessions/" + refreshed.path("sessionId").asString()).bearer(phone));

		assertThat(ended.code()).isEqualTo(200);
		assertThat(api().get("/api/v1/users/me", tablet).code()).as("its tokens end with it").isEqualTo(40101);
		assertThat(find(api().get("/api/v1/users/me/sessions", phone).data(), true)).isNotNull();
		assertThat(api().get("/api/v1/users/me/sessions", phone).data().findValuesAsString("sessionId"))
			.doesNotContain(refreshed.path("sessionId").asString());
	}

	@Test
	void anotherUsersSessionAnswers40401AndStaysAlive() {
		String victim = login(registered(), newIp(), "victim").path("accessToken").asString();
		String victimSession = find(api().get("/api/v1/users/me/sessions", victim).data(), true).path("sessionId")
			.asString();
		String attacker = newUserToken();

		Api.Answer answer = api()
			.send(Call.of("DELETE", "/api/v1/users/me/sessions/" + victimSession).bearer(attacker));

		assertThat(answer.code()).isEqualTo(40401);
		assertThat(api().get("/api/v1/users/me", victim).code()).isEqualTo(200);
		assertThat(api().send(Call.of("DELETE", "/api/v1/users/me/sessions/not-a-uuid").bearer(attacker)).code())
			.isEqualTo(40000);
	}

	@Test
	void aResourceServerConfiguredWithTheIssuerAloneVerifiesOurTokens() {
		String token = newUserToken();
		String issuer = "http://localhost:" + this.port;

		JsonNode discovery = api().get("/.well-known/openid-configuration").json();
		JwtDecoder decoder = JwtDecoders.fromIssuerLocation(issuer);
		Jwt jwt = decoder.decode(token);

		assertThat(discovery.path("issuer").asString()).isEqualTo(issuer);
		assertThat(discovery.path("jwks_uri").asString()).isEqualTo(issuer + "/.well-known/jwks.json");
		assertThat(discovery.path("id_token_signing_alg_values_supported").get(0).asString()).isEqualTo("ES256");
		assertThat(jwt.getIssuer().toString()).isEqualTo(issuer);
		assertThat(jwt.getAudience()).containsExactly("user-center");

		NimbusJwtDecoder strict = NimbusJwtDecoder.withIssuerLocation(issuer).build();
		strict.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer),
				new JwtClaimValidator<List<String>>("aud", (aud) -> aud != null && aud.contains("another-api"))));
		assertThatThrownBy(() -> strict.decode(token)).as("a resource server that wants another audience refuses it")
			.isInstanceOf(JwtException.class);
	}

	private JsonNode login(String mobile, String ip, String userAgent) {
		Api.Answer answer = api().send(Call.of("POST", "/api/v1/auth/login/password")
			.json(Map.of("account", mobile, "password", PASSWORD))
			.header("User-Agent", userAgent)
			.from(ip));
		assertThat(answer.code()).as(answer.toString()).isEqualTo(200);
		return answer.data();
	}

	private String registered() {
		String mobile = newMobile();
		Api.Answer answer = api().post("/api/v1/auth/register",
				Map.of("mobile", mobile, "password", PASSWORD, "code", smsCode(mobile, "register")));
		assertThat(answer.code()).as(answer.toString()).isEqualTo(200);
		return mobile;
	}

	private static JsonNode find(JsonNode sessions, boolean current) {
		for (JsonNode session : sessions) {
			if (session.path("current").asBoolean() == current) {
				return session;
			}
		}
		return null;
	}

}
