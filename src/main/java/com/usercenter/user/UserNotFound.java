package com.usercenter.user;

import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;

/** No user answers to the id, account or mapping given. */
public class UserNotFound extends ApiException {

	public UserNotFound() {
		super(ErrorCode.USER_NOT_FOUND);
	}

}
