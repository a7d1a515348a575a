package com.usercenter.core.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.usercenter.core.ErrorCode;

/**
 * Error codes an endpoint answers beyond the ones every endpoint of its kind does (a bad
 * request, a missing token, a missing role, a bad tenant signature), for its OpenAPI
 * description ({@link ErrorAnswers}).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Answers {

	ErrorCode[] value();

}
