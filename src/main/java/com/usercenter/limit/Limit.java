package com.usercenter.limit;

import java.time.Duration;

/**
 * A limit: at most {@code max} hits per key in a window that starts with the first hit.
 *
 * @param name what is counted, unique among limits (at most 32 characters)
 * @param max hits allowed in one window
 * @param window how long a window lasts
 */
public record Limit(String name, int max, Duration window) {

	public Limit {
		if (name == null || name.isEmpty() || name.length() > 32) {
			throw new IllegalArgumentException("a limit's name has 1 to 32 characters");
		}
		if (max < 0 || window == null || window.isNegative() || window.isZero()) {
			throw new IllegalArgumentException("a limit needs max >= 0 and a positive window");
		}
	}

	public static Limit of(String name, int max, Duration window) {
		return new Limit(name, max, window);
	}

}
