package com.usercenter.user;

import java.util.Map;

import com.usercenter.core.ErrorCode;
import com.usercenter.core.errors.ConstraintFacts;

import org.springframework.stereotype.Component;

/** The user table's and the identity table's unique constraints, as contract facts. */
@Component
class UserConstraintFacts implements ConstraintFacts {

	@Override
	public Map<String, ErrorCode> codes() {
		return Map.of("uk_app_user_mobile", ErrorCode.MOBILE_IN_USE, "uk_app_user_email", ErrorCode.EMAIL_IN_USE,
				"uk_app_user_username", ErrorCode.USERNAME_IN_USE, "uk_user_identity_subject",
				ErrorCode.IDENTITY_BOUND);
	}

}
