package com.usercenter.core;

import java.util.Locale;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.models.GroupedOpenApi;
import org.springdoc.core.utils.SpringDocUtils;

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
			.components(new Components()
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

	@Bean
	GroupedOpenApi adminApi() {
		return GroupedOpenApi.builder().group("admin").pathsToMatch("/api/v1/admin/**").build();
	}

	private static String description(MessageSource messages) {
		StringBuilder text = new StringBuilder("""
				Sign-up, sign-in, tokens and profiles for mobile apps and partner tenants.

				Every answer is the envelope `{"code": 200, "msg": "成功", "data": ...}`; `code / 100` is the HTTP \
				status. `msg` follows `Accept-Language` (Simplified Chinese by default, English for `en`).

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
		return text.toString();
	}

}
