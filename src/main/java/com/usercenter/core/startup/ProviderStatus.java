package com.usercenter.core.startup;

/**
 * Which outside provider a feature uses, for the one start-up line that says where the
 * service is and what it talks to ({@link StartupLine}). Features that call providers
 * implement it as a bean.
 */
public interface ProviderStatus {

	/** Short and plain, such as {@code SMS: aliyun} or {@code one-tap: off}. */
	String describe();

}
