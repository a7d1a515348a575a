package com.usercenter.user;

import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;

/** Another account already has this username. */
public class UsernameAlreadyInUse extends ApiException {

	public UsernameAlreadyInUse(Long holderId) {
		super(ErrorCode.USERNAME_IN_USE, (holderId != null) ? java.util.Map.of("userId", holderId) : null);
	}

}
