package com.usercenter.core.errors;

import org.springframework.dao.DataIntegrityViolationException;

/**
 * Recognises which named database constraint a write broke, so a lost race becomes the
 * same fact (40900, 40904, ...) as a check that found the row first.
 */
public final class UniqueConstraints {

	private UniqueConstraints() {
	}

	public static boolean violated(DataIntegrityViolationException ex, String constraint) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			String message = t.getMessage();
			if (message != null && message.contains("\"" + constraint + "\"")) {
				return true;
			}
			if (t.getCause() == t) {
				break;
			}
		}
		return false;
	}

}
