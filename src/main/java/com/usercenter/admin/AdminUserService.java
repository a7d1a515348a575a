package com.usercenter.admin;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import com.usercenter.account.AdminAccounts;
import com.usercenter.audit.AuditService;
import com.usercenter.audit.AuditType;
import com.usercenter.core.ApiException;
import com.usercenter.core.CurrentUser;
import com.usercenter.core.ErrorData;
import com.usercenter.core.PageResult;
import com.usercenter.core.UpstreamFailed;
import com.usercenter.limit.Limit;
import com.usercenter.limit.Limiter;
import com.usercenter.verification.Deliveries;
import com.usercenter.profile.DeviceService;
import com.usercenter.profile.ProfileService;
import com.usercenter.binding.SignInMethods;
import com.usercenter.token.SessionService;
import com.usercenter.user.Email;
import com.usercenter.user.EmailAlreadyInUse;
import com.usercenter.user.MobileAlreadyInUse;
import com.usercenter.user.PhoneNumber;
import com.usercenter.user.UserAdmin;
import com.usercenter.user.UserStatus;
import com.usercenter.user.UserView;
import com.usercenter.user.UsernameAlreadyInUse;
import com.usercenter.user.Users;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What ops do with users. Every reveal of contacts and every change is written to the
 * audit trail, naming the admin who did it.
 */
@Service
class AdminUserService {

	static final int MESSAGES_PER_USER_HOUR = 10;

	static final Limit MESSAGES = Limit.of("admin-message", MESSAGES_PER_USER_HOUR, Duration.ofHours(1));

	static final int REVEALS_PER_ADMIN_HOUR = 100;

	/**
	 * What an admin learns about masked contacts: each reveal, and each answer saying
	 * that a contact is taken, counts here.
	 */
	static final Limit REVEALS = Limit.of("admin-reveal", REVEALS_PER_ADMIN_HOUR, Duration.ofHours(1));

	static final int IDS_PAGE = 1000;

	private final Users users;

	private final UserAdmin userAdmin;

	private final ProfileService profiles;

	private final SignInMethods methods;

	private final SessionService sessions;

	private final DeviceService devices;

	private final AdminAccounts accounts;

	private final Deliveries deliveries;

	private final Limiter limiter;

	private final AuditService audit;

	AdminUserService(Users users, UserAdmin userAdmin, ProfileService profiles, SignInMethods methods,
			SessionService sessions, DeviceService devices, AdminAccounts accounts, Deliveries deliveries,
			Limiter limiter, AuditService audit) {
		this.users = users;
		this.userAdmin = userAdmin;
		this.profiles = profiles;
		this.methods = methods;
		this.sessions = sessions;
		this.devices = devices;
		this.accounts = accounts;
		this.deliveries = deliveries;
		this.limiter = limiter;
		this.audit = audit;
	}

	@Transactional
	PageResult<AdminUserSummary> list(CurrentUser admin, List<Long> ids, String name, int page, int size,
			boolean reveal) {
		if (reveal) {
			takeReveal(admin);
		}
		PageResult<AdminUserSummary> result = PageResult.of(this.userAdmin.search(ids, name, page, size),
				(user) -> AdminUserSummary.of(user, reveal));
		if (reveal) {
			result.content()
				.forEach((user) -> this.audit.record(AuditType.ADMIN_REVEAL, user.userId(), null,
						"list, by admin " + admin.userId()));
		}
		return result;
	}

	@Transactional
	AdminProfile get(CurrentUser admin, long userId, boolean reveal) {
		if (reveal) {
			takeReveal(admin);
		}
		UserView user = this.users.get(userId);
		if (reveal) {
			this.audit.record(AuditType.ADMIN_REVEAL, userId, null, "profile, by admin " + admin.userId());
		}
		return AdminProfile.of(this.profiles.ownProfile(user), reveal, user.status().value(), user.roles(),
				this.methods.of(user, reveal));
	}

	/**
	 * Creates the account. A taken username names its holder (usernames are not masked);
	 * a taken mobile or email names the holder too (the contract's answer for admins),
	 * which is a reveal of masked data: audited on the holder and counted against the
	 * admin's reveals, so a batch of candidate numbers cannot unmask a contact unseen or
	 * without limit.
	 */
	long create(CurrentUser admin, NewUser request) {
		UserView user;
		try {
			user = createOrFindTheWinner(request);
		}
		catch (MobileAlreadyInUse | EmailAlreadyInUse ex) {
			throw contactTaken(admin, ex);
		}
		this.audit.record(AuditType.ADMIN_USER_CHANGE, user.id(), null, "created by admin " + admin.userId());
		return user.id();
	}

	private UserView createOrFindTheWinner(NewUser request) {
		try {
			return createAccount(request);
		}
		catch (MobileAlreadyInUse | EmailAlreadyInUse | UsernameAlreadyInUse ex) {
			if (ex.data() != null) {
				throw ex;
			}
			// Lost a race to a concurrent create. That transaction is over: a fresh one
			// finds the winner and answers with its id, as for any duplicate.
			return createAccount(request);
		}
	}

	private ApiException contactTaken(CurrentUser admin, ApiException ex) {
		takeReveal(admin);
		Long holder = (ex.data() instanceof ErrorData.ExistingUser existing) ? existing.userId() : null;
		String contact = (ex instanceof MobileAlreadyInUse) ? "mobile" : "email";
		this.audit.record(AuditType.ADMIN_REVEAL, holder, null,
				contact + " found taken by a create, holder named, by admin " + admin.userId());
		return ex;
	}

	private void takeReveal(CurrentUser admin) {
		this.limiter.take(REVEALS, Long.toString(admin.userId()));
	}

	private UserView createAccount(NewUser request) {
		return this.accounts.create(request.mobileNumber(), request.emailAddress(), request.username(),
				request.nickname(), request.password());
	}

	/**
	 * Changes status and roles. Both end every session of the user, so no token keeps a
	 * role or access the user no longer has.
	 */
	@Transactional
	AdminProfile change(CurrentUser admin, long userId, UserStatus status, Set<String> roles) {
		this.userAdmin.changeStatusAndRoles(userId, status, roles);
		int revoked = this.sessions.revokeAll(userId);
		this.audit.record(AuditType.ADMIN_USER_CHANGE, userId, null,
				"status " + status + ", roles " + roles + ", by admin " + admin.userId());
		this.audit.record(AuditType.TOKEN_REVOKED, userId, null, revoked + " sessions, changed by admin");
		return get(admin, userId, false);
	}

	/**
	 * Sends an operator's text to the user, at most {@value #MESSAGES_PER_USER_HOUR} per
	 * user per hour, with no transaction open while the provider is asked. A failed send
	 * is given back to the limit.
	 */
	void message(CurrentUser admin, long userId, boolean viaEmail, String text) {
		UserView user = this.users.get(userId);
		String to = viaEmail ? user.email() : user.mobile();
		if (to == null) {
			throw ApiException.invalid("channel", viaEmail ? "the user has no email" : "the user has no mobile");
		}
		this.limiter.take(MESSAGES, Long.toString(userId));
		try {
			if (viaEmail) {
				this.deliveries.sendEmail(to, "User Center", text);
			}
			else {
				this.deliveries.sendSms(to, text);
			}
		}
		catch (UpstreamFailed ex) {
			this.limiter.refund(MESSAGES, Long.toString(userId));
			throw ex;
		}
		this.audit.record(AuditType.ADMIN_MESSAGE, userId, null,
				(viaEmail ? "email" : "sms") + ", by admin " + admin.userId());
	}

	UserIds userIds(Long cityId, String deviceType, long cursor) {
		List<Long> ids = this.devices.userIds(cityId, deviceType, cursor, IDS_PAGE);
		Long next = (ids.size() == IDS_PAGE) ? ids.get(ids.size() - 1) : null;
		return new UserIds(ids, next);
	}

	/** A new account as an admin describes it. */
	record NewUser(String mobile, String email, String username, String nickname, String password) {

		PhoneNumber mobileNumber() {
			return (this.mobile != null) ? PhoneNumber.parseOrNull(this.mobile) : null;
		}

		Email emailAddress() {
			return (this.email != null) ? Email.parseOrNull(this.email) : null;
		}

	}

	/** A page of user ids and where the next one starts (null after the last). */
	record UserIds(List<Long> userIds, Long nextCursor) {
	}

}
