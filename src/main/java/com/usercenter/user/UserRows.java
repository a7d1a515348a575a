package com.usercenter.user;

import java.util.Optional;

import com.usercenter.core.ApiException;
import com.usercenter.core.errors.UniqueConstraints;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * What the user services share about writing a row: the row locked for a change, and a
 * save that reports a lost uniqueness race as the same fact a found duplicate gives.
 */
@Component
class UserRows {

	private final UserRepository users;

	UserRows(UserRepository users) {
		this.users = users;
	}

	/**
	 * The user, its row locked until the transaction ends: concurrent changes to one
	 * account take turns instead of failing on the version check.
	 */
	User lock(long id) {
		return this.users.findForUpdateById(id).orElseThrow(UserNotFound::new);
	}

	/** The account that holds this mobile or email, proven or not. */
	Optional<User> holderOf(Contact contact) {
		return (contact instanceof PhoneNumber mobile) ? this.users.findByMobile(mobile.e164())
				: this.users.findByEmail(contact.value());
	}

	User save(User user) {
		return this.users.saveAndFlush(user);
	}

	/**
	 * Saves, turning a lost uniqueness race into the same fact a found duplicate gives.
	 */
	User saveUnique(User user) {
		try {
			return this.users.saveAndFlush(user);
		}
		catch (DataIntegrityViolationException ex) {
			if (UniqueConstraints.violated(ex, "uk_app_user_mobile")) {
				throw new MobileAlreadyInUse();
			}
			if (UniqueConstraints.violated(ex, "uk_app_user_email")) {
				throw new EmailAlreadyInUse();
			}
			if (UniqueConstraints.violated(ex, "uk_app_user_username")) {
				throw new UsernameAlreadyInUse(null);
			}
			throw ex;
		}
	}

	static ApiException inUse(Contact contact) {
		return (contact instanceof PhoneNumber) ? new MobileAlreadyInUse() : new EmailAlreadyInUse();
	}

}
