package com.usercenter.account;

import com.usercenter.user.Email;
import com.usercenter.user.PhoneNumber;
import com.usercenter.user.User;
import com.usercenter.user.UserService;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accounts made by administrators: the same password policy and hashing as self-service
 * sign-up.
 */
@Service
public class AdminAccounts {

	private final UserService users;

	private final PasswordPolicy policy;

	private final PasswordEncoder passwords;

	AdminAccounts(UserService users, PasswordPolicy policy, PasswordEncoder passwords) {
		this.users = users;
		this.policy = policy;
		this.passwords = passwords;
	}

	/**
	 * @throws com.usercenter.core.ApiException 40005 for a weak password,
	 * 40900/40901/40904 naming the account that has the mobile, email or username
	 */
	@Transactional
	public User create(PhoneNumber mobile, Email email, String username, String nickname, String password) {
		String hash = null;
		if (password != null) {
			this.policy.check(password);
			hash = this.passwords.encode(password);
		}
		return this.users.createByAdmin(mobile, email, username, nickname, hash);
	}

}
