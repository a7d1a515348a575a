package com.usercenter.user;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A mobile number {@link PhoneNumber} can read. Null is valid; combine with
 * {@code @NotBlank}.
 */
@Documented
@Constraint(validatedBy = Mobile.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface Mobile {

	String message() default "must be a mobile number such as 13800138000 or +8613800138000";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Checks the value with libphonenumber. */
	class Validator implements ConstraintValidator<Mobile, String> {

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return value == null || PhoneNumber.parseOrNull(value) != null;
		}

	}

}
