package com.usercenter.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.usercenter.support.ApiTestBase;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three OpenAPI groups are valid OpenAPI 3 (Swagger's parser reports nothing), and
 * hold to the rules that tools and generated clients need, as Redocly's recommended set
 * checks them: unique operation ids, a declared security on every operation ({@code []}
 * for a public one), at least one 4xx answer with an example envelope for every code it
 * lists. The descriptions are written to {@code target/openapi/} for other tools and for
 * {@code docs/generate-api-reference.py}; {@code docs/API.md} must list every operation.
 */
class OpenApiLintIntegrationTest extends ApiTestBase {

	@ParameterizedTest
	@ValueSource(strings = { "tenant", "app", "admin" })
	void eachGroupIsValidAndSaysSecurityAndErrorsForEveryOperation(String group) throws IOException {
		String json = api().get("/v3/api-docs/" + group).text();
		Path file = Path.of("target", "openapi", group + ".json");
		Files.createDirectories(file.getParent());
		Files.writeString(file, json);
		// the same without the port this run happened to use, as docs/openapi/ holds it:
		// the deployment's address, which tools ask for
		JsonMapper pretty = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
		ObjectNode portless = (ObjectNode) pretty.readTree(json);
		portless.set("servers", pretty.readTree("""
				[{"url": "{scheme}://{host}", "description": "Your deployment",
				  "variables": {
				    "scheme": {"enum": ["https", "http"], "default": "http"},
				    "host": {"default": "localhost:8080",
				             "description": "Host and port; localhost:8080 is ./mvnw spring-boot:run"}}}]
				"""));
		Files.writeString(Path.of("target", "openapi", group + ".portless.json"), pretty.writeValueAsString(portless));
		ParseOptions options = new ParseOptions();
		options.setResolve(true);
		SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(json, null, options);
		OpenAPI openApi = parsed.getOpenAPI();

		assertThat(parsed.getMessages()).as("parser messages").isEmpty();
		List<String> problems = new ArrayList<>();
		Set<String> operationIds = new HashSet<>();
		openApi.getPaths().forEach((path, item) -> operations(item).forEach((method, operation) -> {
			String name = method + " " + path;
			if (operation.getOperationId() == null || !operationIds.add(operation.getOperationId())
					|| operation.getOperationId().matches(".*_\\d+")) {
				problems
					.add(name + ": operationId missing, not unique or numbered (" + operation.getOperationId() + ")");
			}
			if (operation.getSecurity() == null) {
				problems.add(name + ": no security declared");
			}
			boolean clientError = operation.getResponses()
				.keySet()
				.stream()
				.anyMatch((status) -> status.startsWith("4"));
			if (!clientError) {
				problems.add(name + ": no 4xx answer");
			}
			var body = (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null)
					? operation.getRequestBody().getContent().get("application/json") : null;
			if (body != null && body.getExample() == null
					&& (body.getExamples() == null || body.getExamples().isEmpty())) {
				problems.add(name + ": a JSON body without an example for Swagger UI to pre-fill");
			}
			// a body is the request record itself: an inline object is how springdoc
			// describes a query parameter folded into the body, a shape no client sends
			if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
				operation.getRequestBody().getContent().forEach((type, media) -> {
					if (!"multipart/form-data".equals(type)
							&& (media.getSchema() == null || media.getSchema().get$ref() == null)) {
						problems.add(name + ": " + type + " body is not a named schema");
					}
				});
			}
			operation.getResponses().forEach((status, response) -> {
				if (status.startsWith("4") || status.startsWith("5")) {
					var media = (response.getContent() != null) ? response.getContent().get("application/json") : null;
					if (media == null || media.getExamples() == null || media.getExamples().isEmpty()) {
						problems.add(name + ": " + status + " without an example envelope");
					}
				}
			});
		}));
		assertThat(problems).isEmpty();
		JsonMapper mapper = JsonMapper.builder().build();
		ObjectNode served = (ObjectNode) mapper.readTree(json);
		served.remove("servers");
		ObjectNode committed = (ObjectNode) mapper
			.readTree(Files.readString(Path.of("docs", "openapi", group + ".json")));
		committed.remove("servers");
		assertThat(committed)
			.as("docs/openapi/%s.json is what the service serves (copy target/openapi/%s.portless.json there): "
					+ "clients are generated from it", group, group)
			.isEqualTo(served);
		String reference = Files.readString(Path.of("docs", "API.md"));
		openApi.getPaths()
			.forEach((path, item) -> operations(item).keySet()
				.forEach((method) -> assertThat(reference)
					.as("docs/API.md is current: run python3 docs/generate-api-reference.py")
					.contains("### `" + method + " " + path + "`")));
	}

	private static Map<String, Operation> operations(PathItem item) {
		Map<String, Operation> operations = new java.util.LinkedHashMap<>();
		item.readOperationsMap().forEach((method, operation) -> operations.put(method.name(), operation));
		return operations;
	}

}
