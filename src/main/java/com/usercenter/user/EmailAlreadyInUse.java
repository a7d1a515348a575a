package com.usercenter.user;

import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.ErrorData;

/** Another account already has this email address. */
public class EmailAlreadyInUse extends ApiException {

	public EmailAlreadyInUse() {
		super(ErrorCode.EMAIL_IN_USE);
	}

	/** For admin callers: names the account that has it. */
	public EmailAlreadyInUse(long holderId) {
		super(ErrorCode.EMAIL_IN_USE, new ErrorData.ExistingUser(holderId));
	}

}
