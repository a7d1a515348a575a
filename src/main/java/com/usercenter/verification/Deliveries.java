package com.usercenter.verification;

import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import com.usercenter.core.errors.Failures;
import com.usercenter.core.metrics.ProviderCalls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.usercenter.core.UpstreamFailed;
import com.usercenter.user.Contact;
import com.usercenter.user.Email;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Hands codes and messages to the SMS and email providers. The one rule for every
 * provider call: it runs while the caller holds no database connection and no lock, so a
 * provider that hangs costs its own request's wait and nothing else. Deliveries that must
 * not make the answer wait (a reset code, whose timing would tell whether the account
 * exists) run on a small pool of their own, with a bounded queue.
 */
@Component
public class Deliveries {

	private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

	private final SmsSender sms;

	private final EmailSender email;

	private final MessageSource messages;

	private final ExecutorService background = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS,
			new LinkedBlockingQueue<>(1000), (runnable) -> {
				Thread thread = new Thread(runnable, "delivery");
				thread.setDaemon(true);
				thread.setUncaughtExceptionHandler(Failures::uncaught);
				return thread;
			});

	private final ProviderCalls calls;

	private final String smsProvider;

	private final String emailProvider;

	Deliveries(SmsSender sms, EmailSender email, MessageSource messages, ProviderCalls calls,
			DeliverySettings smsSettings, EmailSettings emailSettings) {
		this.sms = sms;
		this.email = email;
		this.messages = messages;
		this.calls = calls;
		this.smsProvider = "sms_" + smsSettings.provider();
		this.emailProvider = "email_" + emailSettings.provider();
	}

	/**
	 * Sends a code now.
	 * @throws UpstreamFailed when the provider refuses or does not answer in time
	 */
	void sendCode(Contact target, Purpose purpose, String code, long minutes, Locale locale) {
		if (target instanceof Email) {
			String subject = this.messages.getMessage("verification.email.subject", null, locale);
			String text = this.messages.getMessage("verification.email.body", new Object[] { code, minutes }, locale);
			email(new EmailSender.EmailMessage(target.value(), subject, text));
		}
		else {
			String text = this.messages.getMessage("verification.sms", new Object[] { code, minutes }, locale);
			sms(new SmsSender.SmsMessage(target.value(), text, code, purpose.value()));
		}
	}

	/** Sends an operator's text to a mobile number now. */
	public void sendSms(String to, String text) {
		sms(new SmsSender.SmsMessage(to, text, null, null));
	}

	/** Sends an operator's text to an email address now. */
	public void sendEmail(String to, String subject, String text) {
		email(new EmailSender.EmailMessage(to, subject, text));
	}

	private void sms(SmsSender.SmsMessage message) {
		this.calls.timed(this.smsProvider, () -> this.sms.send(message));
	}

	private void email(EmailSender.EmailMessage message) {
		this.calls.timed(this.emailProvider, () -> this.email.send(message));
	}

	/** Runs a delivery after the answer; false when the queue is full. */
	boolean later(Runnable delivery) {
		try {
			this.background.execute(delivery);
			return true;
		}
		catch (RejectedExecutionException ex) {
			log.warn("Delivery queue full: a background delivery was dropped");
			return false;
		}
	}

	@PreDestroy
	void stop() throws InterruptedException {
		this.background.shutdown();
		this.background.awaitTermination(10, TimeUnit.SECONDS);
	}

}
