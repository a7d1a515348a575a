package com.usercenter.verification;

import com.usercenter.core.startup.ProviderStatus;

import org.springframework.stereotype.Component;

/** Which SMS and email providers deliver codes, for the start-up line. */
@Component
class DeliveryStatus implements ProviderStatus {

	private final DeliverySettings sms;

	private final EmailSettings email;

	DeliveryStatus(DeliverySettings sms, EmailSettings email) {
		this.sms = sms;
		this.email = email;
	}

	@Override
	public String describe() {
		return "SMS: " + this.sms.provider() + warning(this.sms.provider()) + ", email: " + this.email.provider()
				+ warning(this.email.provider());
	}

	private static String warning(String provider) {
		return "log".equals(provider) ? " (codes written to the log: development only)" : "";
	}

}
