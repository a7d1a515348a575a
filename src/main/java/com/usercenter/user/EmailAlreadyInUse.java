package com.usercenter.user;

import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;

/** Another account already has this email address. */
public class EmailAlreadyInUse extends ApiException {

	public EmailAlreadyInUse() {
		super(ErrorCode.EMAIL_IN_USE);
	}

}
