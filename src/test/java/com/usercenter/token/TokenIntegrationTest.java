package com.usercenter.token;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.usercenter.secrets.SecretBox;
import com.usercenter.support.Api;
import com.usercenter.support.ApiTestBase;
import com.usercenter.support.HeldRow;
import com.usercenter.support.TenantClient;
import com.usercenter.support.TestClock;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Access tokens, refresh rotation, logout and the JWKS, over HTTP against the real
 * database.
 */
class TokenIntegrationTest extends ApiTestBase {

	@Autowired
	private AccessTokens accessTokens;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private TokenSettings settings;

	@Autowired
	private SecretBox box;

	@Autowired
	private Clock clock;

	@Autowired
	private DataSource dataSource;

	@Test
	void twoAuthorizationHeadersAnswer40100EvenWhenBothAreGood() {
		String first = newUserToken();
		String second = newUserToken();

		Api.Answer answer = api().send(
				Api.Call.of("GET", "/api/v1/users/me").bearer(first).headerAgain("Authorization", "Bearer " + second));

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.code()).isEqualTo(40100);
		assertThat(api().get("/api/v1/users/me", first).code()).isEqualTo(200);
	}

	@Test
	void jwksServesThePublicKeyOnlyAndNotInTheEnvelope() {
		Api.Answer answer = api().get("/.well-known/jwks.json");

		JsonNode key = answer.json().path("keys").get(0);
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().has("code")).isFalse();
		assertThat(key.path("kty").asString()).isEqualTo("EC");
		assertThat(key.path("crv").asString()).isEqualTo("P-256");
		assertThat(key.path("alg").asString()).isEqualTo("ES256");
		assertThat(key.path("use").asString()).isEqualTo("sig");
		assertThat(key.path("kid").asString()).isNotBlank();
		assertThat(key.has("d")).isFalse();
	}

	@Test
	void anotherServiceVerifiesAccessTokensFromTheJwks() {
		JsonNode login = signIn();
		NimbusJwtDecoder decoder = NimbusJwtDecoder
			.withJwkSetUri("http://localhost:" + this.port + "/.well-known/jwks.json")
			.jwsAlgorithm(org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.ES256)
			.build();

		Jwt jwt = decoder.decode(login.path("accessToken").asString());

		assertThat(jwt.getSubject()).isEqualTo(login.path("userId").asString());
		assertThat(jwt.getClaimAsString("iss")).isEqualTo("http://localhost:" + this.port);
		assertThat(jwt.getClaimAsStringList("aud")).containsExactly("user-center");
		assertThat(jwt.getClaimAsString("sid")).isNotBlank();
		assertThat(jwt.getClaimAsStringList("roles")).containsExactly("USER");
		assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofHours(2));
		assertThat(jwt.getHeaders()).containsEntry("typ", "JWT").containsKey("kid");
	}

	@Test
	void refreshRotatesTheRefreshToken() {
		JsonNode login = signIn();

		Api.Answer refreshed = refresh(login.path("refreshToken").asString());

		assertThat(refreshed.code()).isEqualTo(200);
		JsonNode data = refreshed.data();
		assertThat(data.path("userId").asLong()).isEqualTo(login.path("userId").asLong());
		assertThat(data.path("refreshToken").asString()).isNotEqualTo(login.path("refreshToken").asString());
		assertThat(data.path("expiresIn").asLong()).isEqualTo(7200);
		assertThat(data.path("needInfo").asBoolean()).isFalse();
		assertThat(data.has("user")).isFalse();
		assertThat(api().get("/api/v1/users/me", data.path("accessToken").asString()).code()).isEqualTo(200);
		assertThat(refresh(data.path("refreshToken").asString()).code()).isEqualTo(200);
	}

	@Test
	void reusedRefreshTokenRevokesItsSession() {
		JsonNode login = signIn();
		JsonNode rotated = refresh(login.path("refreshToken").asString()).data();

		Api.Answer reuse = refresh(login.path("refreshToken").asString());

		assertThat(reuse.status()).isEqualTo(401);
		assertThat(reuse.code()).isEqualTo(40101);
		assertThat(api().get("/api/v1/users/me", rotated.path("accessToken").asString()).code()).isEqualTo(40101);
		assertThat(refresh(rotated.path("refreshToken").asString()).code()).isEqualTo(40101);
		assertThat(this.jdbc.sql("select count(*) from audit_event where type = 'refresh_token_reused' and user_id = ?")
			.param(login.path("userId").asLong())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void unknownRefreshTokenAnswers40101() {
		assertThat(refresh("never-issued-" + unique()).code()).isEqualTo(40101);
	}

	@Test
	void tenRacingUsesOfOneRefreshTokenLetAtMostOneThrough() throws Exception {
		JsonNode login = signIn();
		List<Callable<Api.Answer>> calls = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			calls.add(() -> refresh(login.path("refreshToken").asString()));
		}

		List<Api.Answer> answers = runTogether(calls);

		// the token's row lock decides them in turn: the first rotates it, the other nine
		// present a rotated token (and end the session)
		assertThat(answers.stream().filter((a) -> a.code() == 200).count()).as(answers.toString()).isEqualTo(1);
		assertThat(answers.stream().filter((a) -> a.code() == 40101).count()).isEqualTo(9);
	}

	@Test
	void logoutRevokesTheSessionAtOnce() {
		JsonNode login = signIn();
		String token = login.path("accessToken").asString();

		Api.Answer logout = api().post("/api/v1/auth/logout", null, token);

		assertThat(logout.code()).isEqualTo(200);
		assertThat(logout.data().isNull()).isTrue();
		assertThat(api().get("/api/v1/users/me", token).code()).isEqualTo(40101);
		assertThat(refresh(login.path("refreshToken").asString()).code()).isEqualTo(40101);
		assertThat(api().post("/api/v1/auth/logout", null, token).code()).isEqualTo(40101);
	}

	@Test
	void aRefreshInFlightCannotUndoALogout() throws Exception {
		JsonNode login = signIn();
		String token = login.path("accessToken").asString();

		Race race = refreshBehind(login, () -> api().post("/api/v1/auth/logout", null, token));

		assertThat(race.revocation().code()).isEqualTo(200);
		assertStaysRevoked(login, race.refresh());
	}

	@Test
	void aRefreshInFlightCannotUndoAnAdminDisable() throws Exception {
		JsonNode login = signIn();
		String admin = adminToken();

		Race race = refreshBehind(login, () -> api().patch("/api/v1/admin/users/" + login.path("userId").asLong(),
				Map.of("status", "disabled"), admin));

		assertThat(race.revocation().code()).as(race.revocation().toString()).isEqualTo(200);
		assertStaysRevoked(login, race.refresh());
	}

	@Test
	void aRefreshInFlightCannotUndoReuseDetection() throws Exception {
		JsonNode first = signIn();
		JsonNode login = refresh(first.path("refreshToken").asString()).data();

		Race race = refreshBehind(login, () -> refresh(first.path("refreshToken").asString()));

		assertThat(race.revocation().code()).as("the copy is refused").isEqualTo(40101);
		assertStaysRevoked(login, race.refresh());
	}

	@Test
	void aSoftTenantLoginInFlightCannotUndoALogout() throws Exception {
		TenantClient tenant = newTenant();
		String associatedId = "soft-" + unique();
		JsonNode login = tenant
			.post("/sessions-rest/associatedBusiness/loginTenant", Map.of("associatedId", associatedId))
			.data();
		String token = login.path("accessToken").asString();

		Race race = behind(login, () -> api().post("/api/v1/auth/logout", null, token),
				() -> tenant.post("/sessions-rest/associatedBusiness/loginTenant",
						Map.of("associatedId", associatedId, "softLogin", true)));

		assertThat(race.revocation().code()).isEqualTo(200);
		assertThat(race.refresh().code()).as("a soft login after the logout starts a new session").isEqualTo(200);
		assertThat(claims(race.refresh().data().path("accessToken").asString()).path("sid").asString())
			.isNotEqualTo(sessionOf(login));
		assertThat(revokedAt(sessionOf(login))).isNotNull();
		assertThat(api().get("/api/v1/users/me", token).code()).isEqualTo(40101);
		assertThat(refresh(login.path("refreshToken").asString()).code()).isEqualTo(40101);
	}

	@Test
	void aSessionOfADisabledUserIsRefusedOnRefreshAndOnTheTokenCheck() {
		// a sign-in racing an admin disable can leave a session unrevoked: the user's
		// status is checked on its own
		JsonNode login = signIn();
		String token = login.path("accessToken").asString();
		assertThat(api().get("/api/v1/users/me", token).code()).isEqualTo(200);

		this.jdbc.sql("update app_user set status = 'disabled' where id = ?")
			.param(login.path("userId").asLong())
			.update();

		assertThat(awaitCode(token, 40101)).as("from memory, announced").isEqualTo(40101);
		assertThat(refresh(login.path("refreshToken").asString()).code()).isEqualTo(40101);
		this.jdbc.sql("update app_user set status = 'active' where id = ?")
			.param(login.path("userId").asLong())
			.update();
	}

	@Test
	void aSessionOfADisabledTenantIsRefusedOnRefreshAndOnTheTokenCheck() {
		TenantClient tenant = newTenant();
		JsonNode login = tenant
			.post("/sessions-rest/associatedBusiness/loginTenant", Map.of("associatedId", "gone-" + unique()))
			.data();
		String token = login.path("accessToken").asString();
		assertThat(api().get("/api/v1/users/me", token).code()).isEqualTo(200);

		this.jdbc.sql("update tenant set status = 'disabled' where tenant_key = ?").param(tenant.key()).update();

		assertThat(awaitCode(token, 40101)).as("from memory, announced").isEqualTo(40101);
		assertThat(refresh(login.path("refreshToken").asString()).code()).isEqualTo(40101);
	}

	@Test
	void logoutWithoutTokenAnswers40100() {
		assertThat(api().post("/api/v1/auth/logout", null).code()).isEqualTo(40100);
	}

	@Test
	void expiredTokenAnswers40101() {
		String token = signIn().path("accessToken").asString();
		TestClock.advance(Duration.ofHours(2).plusSeconds(1));

		Api.Answer answer = api().get("/api/v1/users/me", token);

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.code()).isEqualTo(40101);
	}

	@Test
	void tokenOfADeletedSessionAnswers40101() {
		String orphan = this.accessTokens.issue(UUID.randomUUID(), 1, Set.of("USER"), null, List.of(), TestClock.now());

		assertThat(api().get("/api/v1/users/me", orphan).code()).isEqualTo(40101);
	}

	@Test
	void tokenSignedWithAnotherKeyAnswers40100() throws Exception {
		JsonNode login = signIn();
		ECKey stranger = new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate();
		SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(stranger.getKeyID()).build(),
				claimsLike(login));
		forged.sign(new ECDSASigner(stranger));

		assertThat(api().get("/api/v1/users/me", forged.serialize()).code()).isEqualTo(40100);
	}

	@Test
	void unsignedAlgNoneTokenAnswers40100() {
		JsonNode login = signIn();
		String header = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
		String payload = base64(claimsLike(login).toString());

		assertThat(api().get("/api/v1/users/me", header + "." + payload + ".").code()).isEqualTo(40100);
	}

	@Test
	void hmacTokenKeyedWithThePublicKeyAnswers40100() throws Exception {
		JsonNode login = signIn();
		String jwks = api().get("/.well-known/jwks.json").text();
		SignedJWT confused = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claimsLike(login));
		confused.sign(new MACSigner(java.util.Arrays.copyOf(jwks.getBytes(StandardCharsets.UTF_8), 64)));

		assertThat(api().get("/api/v1/users/me", confused.serialize()).code()).isEqualTo(40100);
	}

	@Test
	void tamperedPayloadAnswers40100() {
		JsonNode login = signIn();
		String[] parts = login.path("accessToken").asString().split("\\.");
		String otherUser = base64(claims(login.path("accessToken").asString()).toString()
			.replaceFirst("\"sub\":\"\\d+\"", "\"sub\":\"1\""));

		assertThat(api().get("/api/v1/users/me", parts[0] + "." + otherUser + "." + parts[2]).code()).isEqualTo(40100);
	}

	@Test
	void signingKeyIsSealedInTheDatabaseAndTheSameForEveryInstance() {
		String kid = api().get("/.well-known/jwks.json").json().path("keys").get(0).path("kid").asString();

		SigningKeys anotherInstance = new SigningKeys(this.settings, this.jdbc, this.box, this.clock);

		assertThat(anotherInstance.signingKey().getKeyID()).isEqualTo(kid);
		assertThat(this.jdbc.sql("select count(*) from signing_key where active").query(Long.class).single())
			.isEqualTo(1);
		byte[] sealed = this.jdbc.sql("select private_sealed from signing_key where active")
			.query(byte[].class)
			.single();
		assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("\"d\"").doesNotContain("P-256");
	}

	/**
	 * Holds the session's row from a connection of the test, starts the revocation, then
	 * the refresh behind it, and lets both go: the refresh has read the session while it
	 * was live, and the revocation commits first.
	 */
	private Race refreshBehind(JsonNode login, Callable<Api.Answer> revocation) throws Exception {
		return behind(login, revocation, () -> refresh(login.path("refreshToken").asString()));
	}

	private Race behind(JsonNode login, Callable<Api.Answer> revocation, Callable<Api.Answer> refresh)
			throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			Future<Api.Answer> revoked;
			Future<Api.Answer> refreshed;
			try (HeldRow row = HeldRow.hold(this.dataSource, "select 1 from user_session where id = ? for update",
					UUID.fromString(sessionOf(login)))) {
				revoked = pool.submit(revocation);
				row.awaitWaiting(1);
				refreshed = pool.submit(refresh);
				row.awaitWaiting(2);
			}
			return new Race(revoked.get(20, TimeUnit.SECONDS), refreshed.get(20, TimeUnit.SECONDS));
		}
		finally {
			pool.shutdownNow();
		}
	}

	private void assertStaysRevoked(JsonNode login, Api.Answer refreshed) {
		assertThat(refreshed.code()).as(refreshed.toString()).isEqualTo(40101);
		assertThat(revokedAt(sessionOf(login))).as("revoked_at").isNotNull();
		assertThat(api().get("/api/v1/users/me", login.path("accessToken").asString()).code()).isEqualTo(40101);
		assertThat(refresh(login.path("refreshToken").asString()).code()).isEqualTo(40101);
	}

	private Object revokedAt(String sessionId) {
		return this.jdbc.sql("select revoked_at from user_session where id = ?::uuid")
			.param(sessionId)
			.query((rs, row) -> rs.getTimestamp(1))
			.optional()
			.orElse(null);
	}

	private static String sessionOf(JsonNode login) {
		return claims(login.path("accessToken").asString()).path("sid").asString();
	}

	/** The token's answer once it is {@code code}, or its last answer after a second. */
	private int awaitCode(String token, int code) {
		long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
		int answer;
		do {
			answer = api().get("/api/v1/users/me", token).code();
		}
		while (answer != code && System.nanoTime() < deadline);
		return answer;
	}

	private record Race(Api.Answer revocation, Api.Answer refresh) {
	}

	private JsonNode signIn() {
		TenantClient tenant = newTenant();
		Api.Answer login = tenant.post("/sessions-rest/associatedBusiness/loginTenant",
				Map.of("associatedId", "token-" + unique()));
		assertThat(login.code()).isEqualTo(200);
		return login.data();
	}

	private Api.Answer refresh(String refreshToken) {
		return api().post("/api/v1/auth/refresh", Map.of("refreshToken", refreshToken));
	}

	private static JsonNode claims(String jwt) {
		return Api.JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
	}

	private static JWTClaimsSet claimsLike(JsonNode login) {
		JsonNode claims = claims(login.path("accessToken").asString());
		return new JWTClaimsSet.Builder().issuer(claims.path("iss").asString())
			.audience("user-center")
			.subject(login.path("userId").asString())
			.claim("sid", claims.path("sid").asString())
			.claim("roles", List.of("USER", "ADMIN"))
			.issueTime(new Date())
			.expirationTime(Date.from(TestClock.now().plusSeconds(600)))
			.build();
	}

	private static String base64(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
