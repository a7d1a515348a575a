package com.usercenter.user;

import java.util.Map;

import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.ErrorData;

/** The identity belongs to another account: the two would have to be merged. */
public class IdentityBoundElsewhere extends ApiException {

	public IdentityBoundElsewhere() {
		super(ErrorCode.IDENTITY_BOUND, new ErrorData.NeedMerge(true));
	}

}
