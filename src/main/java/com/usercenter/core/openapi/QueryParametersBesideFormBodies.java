package com.usercenter.core.openapi;

import java.util.ArrayList;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import org.springdoc.core.customizers.GlobalOperationCustomizer;

import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;

/**
 * Puts query parameters back in the query string for operations that also take a
 * form-encoded body. springdoc describes every {@code @RequestParam} of such an operation
 * as a form field and wraps the {@code @RequestBody} record beside it
 * ({@code {associatedId, request: {...}}}), a shape no client sends and a generated
 * client would. Here a form body is always a {@code @RequestBody} record, so every
 * {@code @RequestParam} is a query parameter and the body is the record's own schema.
 */
@Component
class QueryParametersBesideFormBodies implements GlobalOperationCustomizer {

	private static final ParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

	@Override
	public Operation customize(Operation operation, HandlerMethod handler) {
		if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
			return operation;
		}
		String bodyName = null;
		for (MethodParameter parameter : handler.getMethodParameters()) {
			if (parameter.hasParameterAnnotation(RequestBody.class)) {
				parameter.initParameterNameDiscovery(NAMES);
				bodyName = parameter.getParameterName();
			}
		}
		if (bodyName == null) {
			return operation;
		}
		for (MethodParameter parameter : handler.getMethodParameters()) {
			RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
			if (param != null) {
				parameter.initParameterNameDiscovery(NAMES);
				String name = !param.name().isEmpty() ? param.name() : parameter.getParameterName();
				moveToQuery(operation, name, parameter);
			}
		}
		for (MediaType media : operation.getRequestBody().getContent().values()) {
			Schema<?> schema = media.getSchema();
			if (schema != null && schema.get$ref() == null && schema.getProperties() != null
					&& schema.getProperties().size() == 1 && schema.getProperties().containsKey(bodyName)) {
				media.setSchema(schema.getProperties().get(bodyName));
			}
		}
		return operation;
	}

	private static void moveToQuery(Operation operation, String name, MethodParameter parameter) {
		Schema<?> found = null;
		for (MediaType media : operation.getRequestBody().getContent().values()) {
			Schema<?> schema = media.getSchema();
			if (schema != null && schema.getProperties() != null && schema.getProperties().containsKey(name)) {
				found = schema.getProperties().remove(name);
				if (schema.getRequired() != null) {
					schema.getRequired().remove(name);
				}
			}
		}
		if (found == null) {
			return;
		}
		io.swagger.v3.oas.annotations.Parameter doc = parameter
			.getParameterAnnotation(io.swagger.v3.oas.annotations.Parameter.class);
		QueryParameter query = new QueryParameter();
		query.setName(name);
		query.setRequired(parameter.getParameterAnnotation(RequestParam.class).required() && !parameter.isOptional());
		found.setDescription(null);
		query.setSchema(found);
		if (doc != null) {
			query.setDescription(doc.description().isEmpty() ? null : doc.description());
			query.setExample(doc.example().isEmpty() ? null : doc.example());
		}
		if (operation.getParameters() == null) {
			operation.setParameters(new ArrayList<>());
		}
		operation.getParameters().add(query);
	}

}
