package com.usercenter.user;

import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.ErrorData;

/** Another account already has this mobile number. */
public class MobileAlreadyInUse extends ApiException {

	public MobileAlreadyInUse() {
		super(ErrorCode.MOBILE_IN_USE);
	}

	/** For admin callers: names the account that has it. */
	public MobileAlreadyInUse(long holderId) {
		super(ErrorCode.MOBILE_IN_USE, new ErrorData.ExistingUser(holderId));
	}

}
