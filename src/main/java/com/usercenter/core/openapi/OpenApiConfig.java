package com.usercenter.core.openapi;

import java.util.Locale;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.models.GroupedOpenApi;
import org.springdoc.core.utils.SpringDocUtils;

import com.usercenter.core.CurrentUser;
import com.usercenter.core.ErrorCode;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description behind Swagger UI: three groups (tenant, app, admin), both
 * security schemes, and the error table generated from {@link ErrorCode} so it cannot
 * drift.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

	static {
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(CurrentUser.class);
	}

	@Bean
	OpenAPI userCenterOpenApi(MessageSource messages) {
		return new OpenAPI().info(new Info().title("User Center").version("v1").description(description(messages)))
			.components(new Components().addSchemas("ErrorEnvelope", errorEnvelope())
				.addSecuritySchemes("bearer",
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("bearer")
							.bearerFormat("JWT")
							.description("Access token from a sign-in. Admin endpoints need role ADMIN."))
				.addSecuritySchemes("tenantSignature", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
					.in(SecurityScheme.In.HEADER)
					.name("X-Signature")
					.description("""
							Partner servers send X-Tenant-Key, X-Timestamp (epoch ms, within 300 s), \
							X-Nonce (8-64 of [A-Za-z0-9_-], never reused within 15 minutes) and \
							X-Signature = lowercase hex HMAC-SHA256(tenantSecret, METHOD + "\\n" + PATH + "\\n" + \
							QUERY + "\\n" + X-Timestamp + "\\n" + X-Nonce + "\\n" + hex(SHA-256(body))). \
							Swagger UI cannot sign requests: use the README's example.""")));
	}

	/**
	 * Each group offers only the security schemes its operations use: the app group's
	 * Authorize dialog does not ask for a tenant signature.
	 */
	@Bean
	GlobalOpenApiCustomizer onlyUsedSecuritySchemes() {
		return (openApi) -> {
			if (openApi.getComponents() == null || openApi.getComponents().getSecuritySchemes() == null
					|| openApi.getPaths() == null) {
				return;
			}
			java.util.Set<String> used = new java.util.HashSet<>();
			openApi.getPaths()
				.values()
				.forEach((item) -> item.readOperations()
					.stream()
					.filter((operation) -> operation.getSecurity() != null)
					.forEach((operation) -> operation.getSecurity()
						.forEach((requirement) -> used.addAll(requirement.keySet()))));
			openApi.getComponents().getSecuritySchemes().keySet().retainAll(used);
		};
	}

	/**
	 * Every JSON request body gets an example Swagger UI pre-fills and that works as is:
	 * the fields that have an example of their own, and no others (an optional captcha
	 * filled with {@code "string"} would be checked, and fail).
	 */
	@Bean
	GlobalOpenApiCustomizer runnableRequestExamples() {
		return (openApi) -> {
			if (openApi.getPaths() == null || openApi.getComponents() == null
					|| openApi.getComponents().getSchemas() == null) {
				return;
			}
			openApi.getPaths().values().forEach((item) -> item.readOperations().forEach((operation) -> {
				if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
					return;
				}
				io.swagger.v3.oas.models.media.MediaType json = operation.getRequestBody()
					.getContent()
					.get(org.springframework.http.MediaType.APPLICATION_JSON_VALUE);
				if (json == null || json.getExamples() != null || json.getExample() != null || json.getSchema() == null
						|| json.getSchema().get$ref() == null) {
					return;
				}
				Schema<?> schema = openApi.getComponents()
					.getSchemas()
					.get(json.getSchema().get$ref().substring("#/components/schemas/".length()));
				if (schema == null || schema.getProperties() == null) {
					return;
				}
				java.util.Map<String, Object> example = example(openApi, schema, 0);
				if (!example.isEmpty()) {
					json.setExample(example);
				}
			}));
		};
	}

	/**
	 * The properties of the schema that have an example of their own, arrays of them and
	 * objects made of them.
	 */
	private static java.util.Map<String, Object> example(io.swagger.v3.oas.models.OpenAPI openApi, Schema<?> schema,
			int depth) {
		java.util.Map<String, Object> example = new java.util.LinkedHashMap<>();
		if (schema == null || schema.getProperties() == null || depth > 3) {
			return example;
		}
		schema.getProperties().forEach((name, property) -> {
			Object value = value(openApi, property, depth);
			if (value != null) {
				example.put(name, value);
			}
		});
		return example;
	}

	private static Object value(io.swagger.v3.oas.models.OpenAPI openApi, Schema<?> property, int depth) {
		if (property.getExample() != null) {
			return property.getExample();
		}
		if (property.getItems() != null) {
			Object item = value(openApi, property.getItems(), depth + 1);
			return (item != null) ? java.util.List.of(item) : null;
		}
		if (property.get$ref() != null) {
			java.util.Map<String, Object> nested = example(openApi,
					openApi.getComponents()
						.getSchemas()
						.get(property.get$ref().substring("#/components/schemas/".length())),
					depth + 1);
			return nested.isEmpty() ? null : nested;
		}
		return null;
	}

	/** The envelope of an error answer: {@code data} holds details for some codes. */
	private static Schema<?> errorEnvelope() {
		return new ObjectSchema().description("The envelope of an error answer")
			.addProperty("code",
					new IntegerSchema().example(40000).description("The error code; code / 100 is the HTTP status"))
			.addProperty("msg", new StringSchema().example("请求参数错误").description("In the caller's language"))
			.addProperty("data",
					new Schema<>().types(new java.util.LinkedHashSet<>(java.util.List.of("object", "null")))
						.description("Details for some codes: the fields that failed (40000), attempts left (40102), "
								+ "seconds until retry (42300, 42900)"))
			.addProperty("traceId", new StringSchema().example("3f2c9a1b7d4e4b0c"))
			.required(java.util.List.of("code", "msg"));
	}

	@Bean
	GroupedOpenApi tenantApi() {
		return GroupedOpenApi.builder().group("tenant").pathsToMatch("/sessions-rest/**", "/user-rest/**").build();
	}

	@Bean
	GroupedOpenApi appApi() {
		return GroupedOpenApi.builder()
			.group("app")
			.pathsToMatch("/api/v1/**", "/.well-known/**")
			.pathsToExclude("/api/v1/admin/**")
			.build();
	}

	/**
	 * With the password sign-in, so an operator signs in and authorizes from this group.
	 */
	@Bean
	GroupedOpenApi adminApi() {
		return GroupedOpenApi.builder()
			.group("admin")
			.pathsToMatch("/api/v1/admin/**", "/api/v1/auth/login/password", "/api/v1/auth/login/mfa",
					"/api/v1/users/me/mfa", "/api/v1/users/me/mfa/**")
			.build();
	}

	private static String description(MessageSource messages) {
		StringBuilder text = new StringBuilder("""
				Sign-up, sign-in, tokens and profiles for mobile apps and partner tenants.

				Every answer is the envelope `{"code": 200, "msg": "成功", "data": ...}`; `code / 100` is the HTTP \
				status. `msg` follows `Accept-Language` (Simplified Chinese by default, English for `en`).

				<details><summary>Error codes (click to open)</summary>

				| code | meaning |
				|---|---|
				""");
		for (ErrorCode code : ErrorCode.values()) {
			text.append("| ")
				.append(code.code())
				.append(" | ")
				.append(messages.getMessage(code.messageKey(), null, code.name(), Locale.ENGLISH))
				.append(" / ")
				.append(messages.getMessage(code.messageKey(), null, code.name(), Locale.SIMPLIFIED_CHINESE))
				.append(" |\n");
		}
		return text.append("\n</details>\n").toString();
	}

}
