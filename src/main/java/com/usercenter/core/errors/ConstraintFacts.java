package com.usercenter.core.errors;

import java.util.Map;

import com.usercenter.core.ErrorCode;

/**
 * A feature's unique constraints whose violation is a fact of the contract (a lost race
 * for a mobile number is 40900, like a found duplicate). Each feature that owns such a
 * constraint declares a bean of this type; the global handler asks them all.
 */
public interface ConstraintFacts {

	/** Constraint name to the code its violation answers. */
	Map<String, ErrorCode> codes();

}
