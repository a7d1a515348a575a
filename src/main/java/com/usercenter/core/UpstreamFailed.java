package com.usercenter.core;

/** An SMS, email or social provider failed or did not answer in time. */
public class UpstreamFailed extends ApiException {

	public UpstreamFailed() {
		super(ErrorCode.UPSTREAM_FAILED);
	}

}
