package com.usercenter.core.validation;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

class BirthdayValidator implements ConstraintValidator<Birthday, Long> {

	private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

	private final Clock clock;

	BirthdayValidator(Clock clock) {
		this.clock = clock;
	}

	@Override
	public boolean isValid(Long value, ConstraintValidatorContext context) {
		if (value == null) {
			return true;
		}
		LocalDate date = toDate(value, this.clock);
		return !date.isBefore(EARLIEST) && !date.isAfter(LocalDate.now(this.clock));
	}

	/** The calendar day an epoch-ms instant falls on in the service's zone. */
	static LocalDate toDate(long epochMillis, Clock clock) {
		return Instant.ofEpochMilli(epochMillis).atZone(clock.getZone()).toLocalDate();
	}

}
