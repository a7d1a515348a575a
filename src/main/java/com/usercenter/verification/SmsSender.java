package com.usercenter.verification;

/**
 * Delivers text messages to mobile numbers. Chosen by {@code usercenter.sms.provider}.
 */
public interface SmsSender {

	/**
	 * @throws com.usercenter.core.UpstreamFailed when the provider fails or does not
	 * answer in time
	 */
	void send(SmsMessage message);

	/**
	 * @param to E.164 number
	 * @param text the whole message
	 * @param code the verification code it carries, or null (admin messages)
	 * @param purpose the code's purpose, or null
	 */
	record SmsMessage(String to, String text, String code, String purpose) {
	}

}
