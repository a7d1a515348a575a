package com.usercenter.core.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * An epoch-millisecond birthday: not before 1900-01-01 and not in the future. Null is
 * valid.
 */
@Documented
@Constraint(validatedBy = BirthdayValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface Birthday {

	String message() default "must be an epoch-ms date between 1900-01-01 and today";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
