package com.usercenter.account;

import java.util.List;

import com.usercenter.user.Contact;
import com.usercenter.user.PhoneNumber;

/**
 * How a sign-in was proven, in the values of RFC 8176 that access tokens carry as
 * {@code amr}.
 */
public final class Amr {

	/** A password. */
	public static final List<String> PASSWORD = List.of("pwd");

	/** The carrier's one-tap answer: the network confirmed the phone number. */
	public static final List<String> CARRIER = List.of("tel");

	/** WeChat, Weibo, QQ, Apple: another identity provider vouched. */
	public static final List<String> FEDERATED = List.of("fed");

	/**
	 * A passkey with user verification: a hardware-bound key and the user's PIN or
	 * biometric, two factors in one step.
	 */
	public static final List<String> PASSKEY = List.of("hwk", "user", "mfa");

	private Amr() {
	}

	/** A code sent to the contact: {@code sms} for a mobile, {@code otp} for an email. */
	static String proofOf(Contact contact) {
		return (contact instanceof PhoneNumber) ? "sms" : "otp";
	}

}
