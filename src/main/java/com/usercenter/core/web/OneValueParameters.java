package com.usercenter.core.web;

import java.util.Collection;
import java.util.Set;

import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.ConditionalGenericConverter;

/**
 * A parameter sent more than once where one value is expected is refused (40000), not
 * joined with commas ({@code ?associatedId=a&associatedId=b} read as {@code "a,b"}) or
 * cut to its first value ({@code ?page=1&page=2} read as 1), so what the service acts on
 * is what the caller unambiguously sent. Lists and arrays take every value, as before.
 */
final class OneValueParameters implements ConditionalGenericConverter {

	private final ConversionService conversions;

	OneValueParameters(ConversionService conversions) {
		this.conversions = conversions;
	}

	@Override
	public Set<ConvertiblePair> getConvertibleTypes() {
		return Set.of(new ConvertiblePair(String[].class, Object.class));
	}

	@Override
	public boolean matches(TypeDescriptor sourceType, TypeDescriptor targetType) {
		return !targetType.isArray() && !Collection.class.isAssignableFrom(targetType.getType());
	}

	@Override
	public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
		String[] values = (String[]) source;
		if (values == null) {
			return null;
		}
		if (values.length != 1) {
			throw new SentMoreThanOnce();
		}
		return this.conversions.convert(values[0], TypeDescriptor.valueOf(String.class), targetType);
	}

	/** Why a parameter was refused: it came more than once. */
	static final class SentMoreThanOnce extends IllegalArgumentException {

		SentMoreThanOnce() {
			super("one value expected");
		}

	}

}
