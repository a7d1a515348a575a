package com.usercenter.user;

/**
 * One field of a partial update: absent (leave as it is), or present with a value, where
 * a null value clears the field.
 */
public record Change<T>(boolean present, T value) {

	private static final Change<?> KEEP = new Change<>(false, null);

	@SuppressWarnings("unchecked")
	public static <T> Change<T> keep() {
		return (Change<T>) KEEP;
	}

	/** Sets the value, or leaves the field when there is none. */
	public static <T> Change<T> unlessNull(T value) {
		return (value != null) ? to(value) : keep();
	}

	public static <T> Change<T> to(T value) {
		return new Change<>(true, value);
	}

}
