package com.usercenter.tenant;

import java.util.List;
import java.time.Clock;

import com.usercenter.audit.AuditService;
import com.usercenter.audit.AuditType;
import com.usercenter.changes.AdvisoryLocks;
import com.usercenter.token.IssuedTokens;
import com.usercenter.token.SessionRequest;
import com.usercenter.token.SessionService;
import com.usercenter.user.AccountDisabled;
import com.usercenter.user.CreatedVia;
import com.usercenter.user.PhoneNumber;
import com.usercenter.user.ProfileUpdate;
import com.usercenter.user.ProfileFields;
import com.usercenter.user.UserContacts;
import com.usercenter.user.UserLifecycle;
import com.usercenter.user.UserNotFound;
import com.usercenter.user.UserView;
import com.usercenter.user.Users;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The partner flows of seed 000. Logins of a mapped (tenant, associatedId) lock its
 * mapping row, so hard logins revoke in order; a pair not mapped yet takes a
 * transaction-scoped advisory lock before looking again, so concurrent first logins
 * create one user.
 */
@Service
class TenantLoginService {

	static final String CHANNEL = "tenant";

	/**
	 * The partner vouched for its user (RFC 8176 has no closer value; Microsoft's
	 * {@code fed}).
	 */
	static final List<String> FEDERATED = List.of("fed");

	private final TenantAccountRepository accounts;

	private final Users users;

	private final UserLifecycle lifecycle;

	private final UserContacts contacts;

	private final ProfileFields fields;

	private final SessionService sessions;

	private final AuditService audit;

	private final AdvisoryLocks locks;

	private final Clock clock;

	TenantLoginService(TenantAccountRepository accounts, Users users, UserLifecycle lifecycle, UserContacts contacts,
			ProfileFields fields, SessionService sessions, AuditService audit, AdvisoryLocks locks, Clock clock) {
		this.accounts = accounts;
		this.users = users;
		this.lifecycle = lifecycle;
		this.contacts = contacts;
		this.fields = fields;
		this.sessions = sessions;
		this.audit = audit;
		this.locks = locks;
		this.clock = clock;
	}

	@Transactional
	TenantLogin login(TenantPrincipal tenant, String associatedId, boolean notCreate, boolean softLogin,
			ProfileUpdate details) {
		boolean created = false;
		Long userId = mappedUser(tenant, associatedId);
		if (userId == null) {
			// a first login, or one racing it: the pair takes turns, then looks again
			lock(tenant, associatedId);
			userId = mappedUser(tenant, associatedId);
		}
		if (userId == null) {
			if (notCreate) {
				throw new UserNotFound();
			}
			// the mapping before user.created, so the partner's subscriptions hear of it
			userId = this.lifecycle
				.create(details, CreatedVia.TENANT,
						(id) -> this.accounts
							.save(new TenantAccount(tenant.tenantId(), associatedId, id, this.clock.instant())))
				.id();
			created = true;
		}
		UserView user = this.users.get(userId);
		if (!user.isActive()) {
			throw new AccountDisabled();
		}
		IssuedTokens tokens = softLogin ? this.sessions.resumeTenantSession(userId, tenant.tenantId())
			.orElseGet(() -> startSession(tenant, user)) : hardLogin(tenant, user);
		this.audit.record(AuditType.TENANT_LOGIN, userId, tenant.tenantKey(),
				(softLogin ? "soft" : "hard") + (created ? ", created" : ""));
		return new TenantLogin(tokens, created);
	}

	@Transactional
	void changeMobile(TenantPrincipal tenant, String associatedId, PhoneNumber mobile) {
		long userId = userOf(tenant, associatedId);
		this.contacts.change(userId, mobile, false);
		this.audit.record(AuditType.CONTACT_CHANGE, userId, tenant.tenantKey(), "mobile " + mobile.masked());
	}

	@Transactional
	boolean updateDetail(TenantPrincipal tenant, String associatedId, ProfileUpdate details) {
		return this.fields.update(userOf(tenant, associatedId), details);
	}

	private long userOf(TenantPrincipal tenant, String associatedId) {
		return this.accounts.findByTenantIdAndAssociatedId(tenant.tenantId(), associatedId)
			.map(TenantAccount::getUserId)
			.orElseThrow(UserNotFound::new);
	}

	private IssuedTokens hardLogin(TenantPrincipal tenant, UserView user) {
		this.sessions.revokeTenantSessions(user.id(), tenant.tenantId());
		return startSession(tenant, user);
	}

	private IssuedTokens startSession(TenantPrincipal tenant, UserView user) {
		return this.sessions.start(
				new SessionRequest(user.id(), user.roles(), tenant.tenantId(), tenant.tenantKey(), CHANNEL, FEDERATED));
	}

	/** The user mapped to the pair, with the mapping locked, or null. */
	private Long mappedUser(TenantPrincipal tenant, String associatedId) {
		return this.accounts.findForUpdateByTenantIdAndAssociatedId(tenant.tenantId(), associatedId)
			.map(TenantAccount::getUserId)
			.orElse(null);
	}

	private void lock(TenantPrincipal tenant, String associatedId) {
		this.locks.lockForTransaction(tenant.tenantId() + ":" + associatedId);
	}

	record TenantLogin(IssuedTokens tokens, boolean created) {
	}

}
