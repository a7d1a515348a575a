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

	public static <T> Change<T> to(T value) {
		return new Change<>(true, value);
	}

}
