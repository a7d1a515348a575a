package com.usercenter.core.validation;

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
 * Text shown to other people (nicknames, signatures, names): no control characters, no
 * bidirectional overrides or isolates (which make one name read as another), and no
 * markup characters ({@code < >}), so it shows as what it is in every client. Null is
 * valid.
 */
@Documented
@Constraint(validatedBy = PlainText.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface PlainText {

	String message() default "must be plain text: no control, direction-override or markup characters";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** The one rule, for code that reads fields itself. */
	final class Validator implements ConstraintValidator<PlainText, String> {

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return value == null || isPlain(value);
		}

		public static boolean isPlain(String text) {
			return text.codePoints().noneMatch(Validator::forbidden);
		}

		/** The text without what this rule forbids: for names taken from elsewhere. */
		public static String clean(String text) {
			StringBuilder clean = new StringBuilder(text.length());
			text.codePoints().filter((c) -> !forbidden(c)).forEach(clean::appendCodePoint);
			return clean.toString();
		}

		private static boolean forbidden(int c) {
			return Character.getType(c) == Character.CONTROL || Character.getType(c) == Character.FORMAT
					|| Character.getType(c) == Character.PRIVATE_USE || Character.getType(c) == Character.UNASSIGNED
					|| Character.getType(c) == Character.SURROGATE || c == '<' || c == '>';
		}

	}

}
