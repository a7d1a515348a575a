package com.usercenter.user;

import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.ErrorData;

/** Another account already has this username. */
public class UsernameAlreadyInUse extends ApiException {

	public UsernameAlreadyInUse(Long holderId) {
		super(ErrorCode.USERNAME_IN_USE, (holderId != null) ? new ErrorData.ExistingUser(holderId) : null);
	}

}
