package com.usercenter.verification;

import java.util.Map;

import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;

/** The code is wrong, expired, used or dead after too many tries. */
public class CodeInvalid extends ApiException {

	CodeInvalid(int attemptsLeft) {
		super(ErrorCode.CODE_INVALID, Map.of("attemptsLeft", Math.max(0, attemptsLeft)));
	}

}
