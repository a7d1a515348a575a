package com.usercenter.account;

import com.usercenter.audit.AuditService;
import com.usercenter.audit.AuditType;
import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;
import com.usercenter.profile.ProfileService;
import com.usercenter.token.IssuedTokens;
import com.usercenter.token.SessionRequest;
import com.usercenter.token.SessionService;
import com.usercenter.user.AccountDisabled;
import com.usercenter.user.User;
import com.usercenter.user.UserService;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Password sign-in. An unknown account costs the same hash as a wrong password, so timing
 * does not tell which accounts exist.
 */
@Service
class AccountService {

	private final UserService users;

	private final SessionService sessions;

	private final ProfileService profiles;

	private final PasswordEncoder passwords;

	private final AuditService audit;

	private final String unknownAccountHash;

	AccountService(UserService users, SessionService sessions, ProfileService profiles, PasswordEncoder passwords,
			AuditService audit) {
		this.users = users;
		this.sessions = sessions;
		this.profiles = profiles;
		this.passwords = passwords;
		this.audit = audit;
		this.unknownAccountHash = passwords.encode("unknown-account-placeholder");
	}

	LoginResult loginWithPassword(String account, String password) {
		User user = this.users.findByAccount(account).orElse(null);
		if (user == null || !user.hasPassword()) {
			this.passwords.matches(password, this.unknownAccountHash);
			this.audit.record(AuditType.LOGIN_FAILURE, (user != null) ? user.getId() : null, null,
					"password: unknown account");
			throw new ApiException(ErrorCode.BAD_CREDENTIALS);
		}
		if (!this.passwords.matches(password, user.getPasswordHash())) {
			this.audit.record(AuditType.LOGIN_FAILURE, user.getId(), null, "password: wrong password");
			throw new ApiException(ErrorCode.BAD_CREDENTIALS);
		}
		if (!user.isActive()) {
			this.audit.record(AuditType.LOGIN_FAILURE, user.getId(), null, "password: account disabled");
			throw new AccountDisabled();
		}
		IssuedTokens tokens = this.sessions.start(SessionRequest.of(user.getId(), user.roles(), "password"));
		this.audit.record(AuditType.LOGIN_SUCCESS, user.getId(), null, "password");
		return LoginResult.of(tokens, false, this.profiles.ownProfile(user));
	}

}
