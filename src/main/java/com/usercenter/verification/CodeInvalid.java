package com.usercenter.verification;

import java.util.Map;

import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.ErrorData;

/** The code is wrong, expired, used or dead after too many tries. */
public class CodeInvalid extends ApiException {

	CodeInvalid(int attemptsLeft) {
		super(ErrorCode.CODE_INVALID, new ErrorData.AttemptsLeft(Math.max(0, attemptsLeft)));
	}

}
