package com.usercenter.user;

import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;

/** The account was disabled by an administrator and may not sign in. */
public class AccountDisabled extends ApiException {

	public AccountDisabled() {
		super(ErrorCode.ACCOUNT_DISABLED);
	}

}
