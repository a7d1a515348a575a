package com.usercenter.account;

import com.usercenter.user.Email;
import com.usercenter.user.PhoneNumber;
import com.usercenter.user.UserAdmin;
import com.usercenter.user.UserView;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accounts made by administrators: the same password policy and hashing as self-service
 * sign-up.
 */
@Service
public class AdminAccounts {

	private final UserAdmin users;

	private final PasswordPolicy policy;

	AdminAccounts(UserAdmin users, PasswordPolicy policy) {
		this.users = users;
		this.policy = policy;
	}

	/**
	 * @throws com.usercenter.core.ApiException 40005 for a weak password,
	 * 40900/40901/40904 naming the account that has the mobile, email or username
	 */
	@Transactional
	public UserView create(PhoneNumber mobile, Email email, String username, String nickname, String password) {
		if (password != null) {
			this.policy.check(password);
		}
		return this.users.create(mobile, email, username, nickname, password);
	}

}
