package com.usercenter.core.openapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.springdoc.core.customizers.GlobalOperationCustomizer;

import com.usercenter.core.ErrorCode;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;

/**
 * Every operation of the OpenAPI description lists the error codes it can answer, each
 * with an example envelope, grouped by HTTP status; and says its security, {@code []} for
 * a public one (so tools and generated clients need not guess). The codes are the ones
 * every endpoint of its kind answers (40000 for bad input, 40100/40101 without a live
 * token, 40300 without the role, the tenant signature's codes, 42900 for limits), plus
 * those its controller method names with {@link Answers}.
 */
@Component
class ErrorAnswers implements GlobalOperationCustomizer {

	private final MessageSource messages;

	ErrorAnswers(MessageSource messages) {
		this.messages = messages;
	}

	@Override
	public Operation customize(Operation operation, HandlerMethod handler) {
		List<SecurityRequirement> security = operation.getSecurity();
		boolean bearer = security != null
				&& security.stream().anyMatch((requirement) -> requirement.containsKey("bearer"));
		boolean tenant = security != null
				&& security.stream().anyMatch((requirement) -> requirement.containsKey("tenantSignature"));
		if (security == null || security.isEmpty()) {
			operation.setSecurity(new ArrayList<>());
		}
		Set<ErrorCode> codes = new LinkedHashSet<>();
		codes.add(ErrorCode.INVALID_REQUEST);
		if (operation.getRequestBody() != null) {
			codes.add(ErrorCode.UNREADABLE_BODY);
		}
		if (bearer) {
			codes.add(ErrorCode.AUTHENTICATION_REQUIRED);
			codes.add(ErrorCode.TOKEN_EXPIRED);
			if (handler.getBeanType().getName().contains(".admin.") || isAdminPath(handler)) {
				codes.add(ErrorCode.FORBIDDEN);
				codes.add(ErrorCode.SECOND_FACTOR_SESSION_REQUIRED);
			}
		}
		if (tenant) {
			codes.add(ErrorCode.TENANT_SIGNATURE_INVALID);
			codes.add(ErrorCode.TENANT_REPLAY);
			codes.add(ErrorCode.TENANT_DISABLED);
		}
		Answers answers = handler.getMethodAnnotation(Answers.class);
		if (answers != null) {
			codes.addAll(List.of(answers.value()));
		}
		ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
		Map<Integer, List<ErrorCode>> byStatus = new LinkedHashMap<>();
		codes.stream()
			.sorted()
			.forEach((code) -> byStatus.computeIfAbsent(code.code() / 100, (status) -> new ArrayList<>()).add(code));
		byStatus.forEach((status, list) -> responses.addApiResponse(Integer.toString(status), response(list)));
		operation.setResponses(responses);
		return operation;
	}

	private static boolean isAdminPath(HandlerMethod handler) {
		org.springframework.web.bind.annotation.RequestMapping mapping = handler.getBeanType()
			.getAnnotation(org.springframework.web.bind.annotation.RequestMapping.class);
		return mapping != null
				&& List.of(mapping.value()).stream().anyMatch((path) -> path.startsWith("/api/v1/admin"));
	}

	/** The data of the codes whose data a client acts on. */
	private static Object exampleData(ErrorCode code) {
		return switch (code) {
			case SECOND_FACTOR_REQUIRED -> {
				Map<String, Object> step = new LinkedHashMap<>();
				step.put("mfaToken", "5mJ0y1xv0a2Y8s4qKZbq3w0h1n7c9d2e4f6g8h0j2k4");
				step.put("methods", List.of("totp", "recovery_code"));
				step.put("expiresIn", 300);
				yield step;
			}
			case SECOND_FACTOR_WRONG -> Map.of("attemptsLeft", 4);
			default -> null;
		};
	}

	private ApiResponse response(List<ErrorCode> codes) {
		MediaType json = new MediaType().schema(new Schema<>().$ref("#/components/schemas/ErrorEnvelope"));
		for (ErrorCode code : codes) {
			Map<String, Object> envelope = new LinkedHashMap<>();
			envelope.put("code", code.code());
			envelope.put("msg", message(code, Locale.SIMPLIFIED_CHINESE));
			envelope.put("data", exampleData(code));
			envelope.put("traceId", "3f2c9a1b7d4e4b0c");
			json.addExamples(Integer.toString(code.code()),
					new Example().summary(message(code, Locale.ENGLISH)).value(envelope));
		}
		StringBuilder description = new StringBuilder();
		for (ErrorCode code : codes) {
			description.append((description.length() > 0) ? "; " : "")
				.append(code.code())
				.append(" ")
				.append(message(code, Locale.ENGLISH));
		}
		return new ApiResponse().description(description.toString())
			.content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE, json));
	}

	private String message(ErrorCode code, Locale locale) {
		return this.messages.getMessage(code.messageKey(), null, code.name(), locale);
	}

}
