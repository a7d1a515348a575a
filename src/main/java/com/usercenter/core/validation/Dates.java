package com.usercenter.core.validation;

import java.time.Clock;
import java.time.LocalDate;

/**
 * Birthdays travel as epoch milliseconds and are stored as calendar dates in the
 * service's zone.
 */
public final class Dates {

	private Dates() {
	}

	public static LocalDate toDate(Long epochMillis, Clock clock) {
		return (epochMillis != null) ? BirthdayValidator.toDate(epochMillis, clock) : null;
	}

	public static Long toEpochMillis(LocalDate date, Clock clock) {
		return (date != null) ? date.atStartOfDay(clock.getZone()).toInstant().toEpochMilli() : null;
	}

}
