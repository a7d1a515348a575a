package com.usercenter.admin;

import com.usercenter.user.Email;
import com.usercenter.user.PhoneNumber;

/** Contacts as ops see them unless they ask to reveal them (which is audited). */
final class Masking {

	private Masking() {
	}

	static String mobile(String e164, boolean reveal) {
		return (e164 == null || reveal) ? e164 : new PhoneNumber(e164).masked();
	}

	static String email(String email, boolean reveal) {
		return (email == null || reveal) ? email : new Email(email).masked();
	}

	static String text(String value, boolean reveal) {
		if (value == null || reveal) {
			return value;
		}
		return (value.length() <= 2) ? "**" : value.substring(0, 2) + "***";
	}

}
