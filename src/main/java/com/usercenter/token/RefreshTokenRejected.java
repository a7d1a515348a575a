package com.usercenter.token;

import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;

/** The refresh token is unknown, expired, already used, or its session is over. */
class RefreshTokenRejected extends ApiException {

	RefreshTokenRejected() {
		super(ErrorCode.TOKEN_EXPIRED);
	}

}
