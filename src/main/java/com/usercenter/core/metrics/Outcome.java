package com.usercenter.core.metrics;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Counts every answer of the endpoint in a Prometheus counter, by method and result:
 * {@code usercenter_sign_ins_total{method="password",result="success"}}, or with the
 * envelope code as the result ({@code result="40102"}, {@code "42300"} for a locked
 * account). Counted once, after the answer, by {@code core.web}'s outcome counter, from
 * the request's HTTP server observation.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Outcome {

	/** Sign-ins: {@code usercenter_sign_ins_total}. */
	String SIGN_INS = "usercenter.sign.ins";

	/** Verification code sends: {@code usercenter_code_sends_total}. */
	String CODE_SENDS = "usercenter.code.sends";

	/** The counter, one of the constants here. */
	String counter();

	/**
	 * The {@code method} tag: how, such as {@code password}, {@code tenant}, {@code sms}.
	 */
	String method();

}
