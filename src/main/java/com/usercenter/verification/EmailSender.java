package com.usercenter.verification;

/**
 * Delivers email. Chosen by {@code usercenter.email.provider}.
 */
public interface EmailSender {

	/**
	 * @throws com.usercenter.core.UpstreamFailed when the server fails or does not answer
	 * in time
	 */
	void send(EmailMessage message);

	/** One plain-text email. */
	record EmailMessage(String to, String subject, String text) {
	}

}
