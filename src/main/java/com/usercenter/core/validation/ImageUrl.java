package com.usercenter.core.validation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * An image address a client may load: an absolute {@code http(s)} URL with a host, or a
 * path on this service that starts with one {@code /}. Not a protocol-relative
 * {@code //host/x.png} (which loads from anywhere), not a path with {@code ..} segments,
 * backslashes, spaces or control characters. Null is valid.
 */
@Documented
@Constraint(validatedBy = ImageUrl.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface ImageUrl {

	String message() default "must be an http(s) URL or a path on this service";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** The one rule, for code that reads fields itself. */
	final class Validator implements ConstraintValidator<ImageUrl, String> {

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return value == null || isValid(value);
		}

		public static boolean isValid(String url) {
			if (url.isEmpty() || url.length() > 512
					|| url.chars().anyMatch((c) -> c <= ' ' || c == '\\' || c >= 0x7F)) {
				return false;
			}
			try {
				URI uri = new URI(url);
				if (uri.getRawPath() == null || uri.getRawPath().contains("..")
						|| (uri.getRawPath().contains("%2e") || uri.getRawPath().contains("%2E"))) {
					return false;
				}
				if (uri.getScheme() == null) {
					return url.startsWith("/") && !url.startsWith("//") && uri.getRawAuthority() == null;
				}
				String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
				return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
						&& uri.getRawUserInfo() == null;
			}
			catch (URISyntaxException ex) {
				return false;
			}
		}

	}

}
