package com.usercenter.core.errors;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;

import com.usercenter.core.RequestId;
import com.usercenter.core.ApiException;
import com.usercenter.core.Envelope;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.TooManyRequests;
import com.usercenter.core.web.WebSettings;
import com.usercenter.support.Api;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.annotation.JsonDeserialize;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * How each kind of failure maps to the envelope, its code and its HTTP status, checked in
 * Spring MVC alone (no server, no database) against a controller of the test's own: the
 * global handler, the body advice, the responder and core's web configuration (the
 * caller's language, one value for a one-value parameter, form bodies) as the service
 * runs them. Which endpoints answer what, over HTTP, is for the integration tests.
 */
@WebMvcTest(useDefaultFilters = false,
		includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
				pattern = "com\\.usercenter\\.core\\.web\\.(WebConfig|ArrivingBodies)"))
@Import({ GlobalExceptionHandler.class, EnvelopeBodyAdvice.class, EnvelopeResponder.class, PreControllerErrors.class,
		ErrorMappingSliceTest.Probe.class, ErrorMappingSliceTest.Facts.class })
@AutoConfigureMockMvc(addFilters = false)
@EnableConfigurationProperties(WebSettings.class)
class ErrorMappingSliceTest {

	@Autowired
	private WebApplicationContext context;

	private MockMvc mvc;

	/**
	 * Spring MVC with the request id filter in front, as the service has it; the body
	 * filters need Tomcat's valve, which a mock request never passes, so they are left to
	 * the integration tests.
	 */
	@BeforeEach
	void mvc() {
		this.mvc = MockMvcBuilders.webAppContextSetup(this.context).addFilters(new RequestId()).build();
	}

	@Test
	void aSuccessIsTheEnvelopeWithItsMessageAndTraceId() throws Exception {
		Answer answer = answer(get("/probe/ok").header("X-Request-Id", "slice-1"));

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.code()).isEqualTo(200);
		assertThat(answer.msg()).isEqualTo("成功");
		assertThat(answer.body().path("data").asString()).isEqualTo("fine");
		assertThat(answer.body().path("traceId").asString()).isEqualTo("slice-1");
	}

	@Test
	void aFactAnswersItsCodeInTheCallersLanguage() throws Exception {
		Answer chinese = answer(get("/probe/fact"));
		Answer english = answer(get("/probe/fact").header("Accept-Language", "en-US,en;q=0.9"));

		assertThat(chinese.status()).isEqualTo(400);
		assertThat(chinese.code()).isEqualTo(40000);
		assertThat(chinese.msg()).isEqualTo("请求参数无效");
		assertThat(english.msg()).isEqualTo("Invalid request");
		assertThat(chinese.firstError().path("field").asString()).isEqualTo("mobile");
		assertThat(chinese.firstError().path("message").asString()).isEqualTo("not a mobile number");
		assertThat(chinese.body().path("traceId").asString()).matches("[0-9a-f]{16}");
	}

	@Test
	void tooManyRequestsAnswers42900WithRetryAfterInTheHeaderAndTheData() throws Exception {
		Answer answer = answer(get("/probe/too-many"));

		assertThat(answer.status()).isEqualTo(429);
		assertThat(answer.code()).isEqualTo(42900);
		assertThat(answer.header("Retry-After")).isEqualTo("7");
		assertThat(answer.body().path("data").path("retryAfter").asLong()).isEqualTo(7);
	}

	@Test
	void unsupportedMediaTypeAnswers41500() throws Exception {
		Answer answer = answer(post("/probe/body").contentType(MediaType.APPLICATION_XML).content("<x/>"));

		assertThat(answer.status()).isEqualTo(415);
		assertThat(answer.code()).isEqualTo(41500);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{", "not json", "{\"refreshToken\": {\"nested\": true}}", "[1,2]", "\"text\"",
			"{\"refreshToken\": \"a\", \"refreshToken\": \"b\"}" })
	void unreadableBodyAnswers40001(String body) throws Exception {
		Answer answer = answer(post("/probe/body").contentType(MediaType.APPLICATION_JSON).content(body));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.code()).isEqualTo(40001);
		assertThat(answer.text()).doesNotContain("Exception").doesNotContain("jackson");
	}

	@Test
	void missingBodyAnswers40001() throws Exception {
		Answer answer = answer(post("/probe/body").contentType(MediaType.APPLICATION_JSON));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.code()).isEqualTo(40001);
	}

	@Test
	void aFactRaisedWhileReadingTheBodyAnswersItsOwnCode() throws Exception {
		Answer answer = answer(post("/probe/checked").contentType(MediaType.APPLICATION_JSON)
			.content("{\"mobile\": \"not-a-number\"}"));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.code()).isEqualTo(40000);
		assertThat(answer.firstError().path("field").asString()).isEqualTo("mobile");
	}

	@Test
	void invalidFieldAnswers40000WithTheField() throws Exception {
		Answer answer = answer(
				post("/probe/body").contentType(MediaType.APPLICATION_JSON).content("{\"refreshToken\": \" \"}"));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.code()).isEqualTo(40000);
		assertThat(answer.firstError().path("field").asString()).isEqualTo("refreshToken");
	}

	@Test
	void aFormBodyFillsTheSameRecordAsJson() throws Exception {
		Answer filled = answer(
				post("/probe/body").contentType(MediaType.APPLICATION_FORM_URLENCODED).content("refreshToken=abc"));
		Answer twice = answer(post("/probe/body").contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.content("refreshToken=&refreshToken=abc"));

		assertThat(filled.code()).isEqualTo(200);
		assertThat(filled.body().path("data").asString()).isEqualTo("abc");
		assertThat(twice.status()).isEqualTo(400);
		assertThat(twice.code()).isEqualTo(40001);
	}

	@ParameterizedTest
	@ValueSource(strings = { "keyword=a&keyword=b", "number=1&number=2", "number=1&number=" })
	void aOneValueParameterSentTwiceAnswers40000(String query) throws Exception {
		Answer answer = answer(get("/probe/query?" + query));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.code()).isEqualTo(40000);
		assertThat(answer.firstError().path("message").asString()).isEqualTo("sent more than once");
	}

	@Test
	void aListParameterTakesEveryValue() throws Exception {
		Answer answer = answer(get("/probe/query?tag=a&tag=b"));

		assertThat(answer.code()).isEqualTo(200);
		assertThat(answer.body().path("data").asString()).isEqualTo("null null [a, b]");
	}

	@Test
	void aParameterOfTheWrongTypeAnswers40000NamingItPlainly() throws Exception {
		Answer answer = answer(get("/probe/query?number=abc"));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.code()).isEqualTo(40000);
		assertThat(answer.firstError().path("field").asString()).isEqualTo("number");
		assertThat(answer.firstError().path("message").asString()).isEqualTo("wrong type");
	}

	@Test
	void aMissingParameterAnswers40000NamingIt() throws Exception {
		Answer answer = answer(get("/probe/required"));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.code()).isEqualTo(40000);
		assertThat(answer.firstError().path("field").asString()).isEqualTo("name");
		assertThat(answer.firstError().path("message").asString()).isEqualTo("required");
	}

	@Test
	void aParameterOutsideItsConstraintAnswers40000NamingIt() throws Exception {
		Answer answer = answer(get("/probe/page?page=0"));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.code()).isEqualTo(40000);
		assertThat(answer.firstError().path("field").asString()).isEqualTo("page");
	}

	@Test
	void aConstraintViolatedBehindTheControllerAnswers40000NamingTheLastNode() throws Exception {
		Answer answer = answer(get("/probe/violation"));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.code()).isEqualTo(40000);
		assertThat(answer.firstError().path("field").asString()).isEqualTo("name");
	}

	@Test
	void wrongMethodAnswers40500WithTheAllowedMethods() throws Exception {
		Answer answer = answer(put("/probe/ok"));

		assertThat(answer.status()).isEqualTo(405);
		assertThat(answer.code()).isEqualTo(40500);
		assertThat(answer.header("Allow")).contains("GET").contains("DELETE").doesNotContain("PUT");
	}

	@Test
	void unknownPathAnswers40400() throws Exception {
		Answer answer = answer(get("/probe/no-such-thing"));

		assertThat(answer.status()).isEqualTo(404);
		assertThat(answer.code()).isEqualTo(40400);
	}

	@Test
	void securityRefusalsRaisedInAControllerAnswer40100And40300() throws Exception {
		Answer unauthenticated = answer(get("/probe/unauthenticated"));
		Answer forbidden = answer(get("/probe/forbidden"));

		assertThat(unauthenticated.status()).isEqualTo(401);
		assertThat(unauthenticated.code()).isEqualTo(40100);
		assertThat(forbidden.status()).isEqualTo(403);
		assertThat(forbidden.code()).isEqualTo(40300);
	}

	@ParameterizedTest
	@ValueSource(strings = { "no-transaction", "connection-lost", "lock-timeout" })
	void aDatabaseThatCannotServeNowAnswers50300(String failure) throws Exception {
		Answer answer = answer(get("/probe/database?failure=" + failure));

		assertThat(answer.status()).isEqualTo(503);
		assertThat(answer.code()).isEqualTo(50300);
	}

	@Test
	void aValueTheDatabaseCannotHoldAnswers40000() throws Exception {
		Answer answer = answer(get("/probe/database?failure=bad-value"));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.code()).isEqualTo(40000);
	}

	@Test
	void aLostRaceOnADeclaredUniqueConstraintAnswersItsFact() throws Exception {
		Answer declared = answer(get("/probe/database?failure=declared-duplicate"));
		Answer undeclared = answer(get("/probe/database?failure=undeclared-duplicate"));

		assertThat(declared.status()).isEqualTo(409);
		assertThat(declared.code()).isEqualTo(40900);
		assertThat(undeclared.status()).isEqualTo(500);
		assertThat(undeclared.code()).isEqualTo(50000);
	}

	@Test
	void anUnexpectedFailureAnswers50000AndSaysNothingInternal() throws Exception {
		Answer answer = answer(get("/probe/unexpected"));

		assertThat(answer.status()).isEqualTo(500);
		assertThat(answer.code()).isEqualTo(50000);
		assertThat(answer.msg()).isEqualTo("服务器内部错误");
		assertThat(answer.text()).doesNotContain("SECRET").doesNotContain("IllegalState").doesNotContain("probe");
	}

	private Answer answer(RequestBuilder request) throws Exception {
		MockHttpServletResponse response = this.mvc.perform(request).andReturn().getResponse();
		assertThat(response.getContentType()).as("an envelope").startsWith(MediaType.APPLICATION_JSON_VALUE);
		String text = response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		return new Answer(response, text, Api.JSON.readTree(text));
	}

	private record Answer(MockHttpServletResponse response, String text, JsonNode body) {

		int status() {
			return this.response.getStatus();
		}

		int code() {
			return this.body.path("code").asInt();
		}

		String msg() {
			return this.body.path("msg").asString();
		}

		String header(String name) {
			return this.response.getHeader(name);
		}

		JsonNode firstError() {
			return this.body.path("data").path("errors").get(0);
		}

	}

	/** A request body as a feature's controller takes one. */
	record Token(@NotBlank String refreshToken) {
	}

	/** A body whose field checks itself while it is read, as the value objects do. */
	record Checked(@JsonDeserialize(using = CheckedMobile.Reader.class) CheckedMobile mobile) {
	}

	record CheckedMobile(String value) {

		static final class Reader extends tools.jackson.databind.ValueDeserializer<CheckedMobile> {

			@Override
			public CheckedMobile deserialize(tools.jackson.core.JsonParser parser,
					tools.jackson.databind.DeserializationContext context) {
				String value = parser.getString();
				if (!value.matches("\\d{11}")) {
					throw ApiException.invalid("mobile", "not a mobile number");
				}
				return new CheckedMobile(value);
			}

		}

	}

	record Named(@NotBlank String name) {
	}

	record Outer(@Valid Named inner) {
	}

	@RestController
	static class Probe {

		private final Validator validator;

		Probe(Validator validator) {
			this.validator = validator;
		}

		@GetMapping("/probe/ok")
		Envelope<String> ok() {
			return Envelope.ok("fine");
		}

		@DeleteMapping("/probe/ok")
		Envelope<Void> remove() {
			return Envelope.ok();
		}

		@GetMapping("/probe/fact")
		Envelope<Void> fact() {
			throw ApiException.invalid("mobile", "not a mobile number");
		}

		@GetMapping("/probe/too-many")
		Envelope<Void> tooMany() {
			throw new TooManyRequests(7);
		}

		@PostMapping("/probe/body")
		Envelope<String> body(@Valid @RequestBody Token token) {
			return Envelope.ok(token.refreshToken());
		}

		@PostMapping("/probe/checked")
		Envelope<String> checked(@RequestBody Checked checked) {
			return Envelope.ok(checked.mobile().value());
		}

		@GetMapping("/probe/query")
		Envelope<String> query(@RequestParam(required = false) String keyword,
				@RequestParam(required = false) Integer number, @RequestParam(required = false) List<String> tag) {
			return Envelope.ok(keyword + " " + number + " " + tag);
		}

		@GetMapping("/probe/required")
		Envelope<String> required(@RequestParam String name) {
			return Envelope.ok(name);
		}

		@GetMapping("/probe/page")
		Envelope<Integer> page(@RequestParam @Min(1) int page) {
			return Envelope.ok(page);
		}

		@GetMapping("/probe/violation")
		Envelope<Void> violation() {
			throw new ConstraintViolationException(this.validator.validate(new Outer(new Named(" "))));
		}

		@GetMapping("/probe/unauthenticated")
		Envelope<Void> unauthenticated() {
			throw new BadCredentialsException("no token");
		}

		@GetMapping("/probe/forbidden")
		Envelope<Void> forbidden() {
			throw new AccessDeniedException("not an admin");
		}

		@GetMapping("/probe/database")
		Envelope<Void> database(@RequestParam String failure) {
			throw switch (failure) {
				case "no-transaction" -> new CannotCreateTransactionException("pool timed out");
				case "connection-lost" -> new IllegalStateException("wrapped",
						new SQLTransientConnectionException("connection is not available"));
				case "lock-timeout" -> new IllegalStateException("wrapped",
						new SQLException("canceling statement due to lock timeout", "55P03"));
				case "bad-value" -> new IllegalStateException("wrapped",
						new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021"));
				case "declared-duplicate" ->
					new DataIntegrityViolationException("could not execute statement", new SQLException(
							"duplicate key value violates unique constraint \"uk_probe_mobile\"", "23505"));
				case "undeclared-duplicate" -> new DataIntegrityViolationException("could not execute statement",
						new SQLException("duplicate key value violates unique constraint \"uk_probe_other\"", "23505"));
				default -> new IllegalArgumentException(failure);
			};
		}

		@GetMapping("/probe/unexpected")
		Envelope<Void> unexpected() {
			throw new IllegalStateException("SECRET in a message about probe internals");
		}

	}

	/** A unique constraint a feature declares as a fact, as features do. */
	static class Facts {

		@Bean
		ConstraintFacts probeFacts() {
			return () -> Map.of("uk_probe_mobile", ErrorCode.MOBILE_IN_USE);
		}

	}

}
