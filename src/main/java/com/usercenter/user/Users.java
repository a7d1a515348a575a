package com.usercenter.user;

import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Finds accounts, by id or by what a person types to sign in. */
@Service
public class Users {

	private final UserRepository users;

	Users(UserRepository users) {
		this.users = users;
	}

	@Transactional(readOnly = true)
	public Optional<UserView> find(long id) {
		return this.users.findById(id).map(User::view);
	}

	/**
	 * @throws UserNotFound when no account has the id
	 */
	@Transactional(readOnly = true)
	public UserView get(long id) {
		return find(id).orElseThrow(UserNotFound::new);
	}

	/**
	 * Finds an account by what a person types to sign in: a mobile number, an email or a
	 * username.
	 */
	@Transactional(readOnly = true)
	public Optional<UserView> findByAccount(String account) {
		if (account == null || account.isBlank()) {
			return Optional.empty();
		}
		if (account.contains("@")) {
			Email email = Email.parseOrNull(account);
			return (email != null) ? this.users.findByEmail(email.value()).map(User::view) : Optional.empty();
		}
		PhoneNumber mobile = PhoneNumber.parseOrNull(account);
		if (mobile != null) {
			Optional<User> byMobile = this.users.findByMobile(mobile.e164());
			if (byMobile.isPresent()) {
				return byMobile.map(User::view);
			}
		}
		return this.users.findByUsername(account.trim().toLowerCase(Locale.ROOT)).map(User::view);
	}

	@Transactional(readOnly = true)
	public boolean usernameTaken(String username) {
		return this.users.existsByUsername(username.toLowerCase(Locale.ROOT));
	}

}
