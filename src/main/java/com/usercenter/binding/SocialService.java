package com.usercenter.binding;

import java.nio.charset.StandardCharsets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.usercenter.account.AccountService;
import com.usercenter.account.Amr;
import com.usercenter.account.LoginResult;
import com.usercenter.account.SecondFactorRequired;
import com.usercenter.audit.AuditService;
import com.usercenter.audit.AuditType;
import com.usercenter.changes.AdvisoryLocks;
import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.metrics.ProviderCalls;
import com.usercenter.core.startup.ProviderStatus;
import com.usercenter.core.validation.ImageUrl;
import com.usercenter.core.validation.PlainText;
import com.usercenter.secrets.SecretBox;
import com.usercenter.tenant.TenantService;
import com.usercenter.user.AccountDisabled;
import com.usercenter.user.CreatedVia;
import com.usercenter.user.IdentityBoundElsewhere;
import com.usercenter.user.IdentityService;
import com.usercenter.user.PhoneNumber;
import com.usercenter.user.ProfileUpdate;
import com.usercenter.user.Identity;
import com.usercenter.user.UserLifecycle;
import com.usercenter.user.UserView;
import com.usercenter.user.Users;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Social sign-in and identity binding. The provider is asked first, outside any
 * transaction; then one transaction per identity, under an advisory lock, so concurrent
 * first sign-ins create one user.
 */
@Service
class SocialService implements ProviderStatus {

	private final Map<String, ProviderClient> clients;

	private final IdentityService identities;

	private final Users users;

	private final UserLifecycle lifecycle;

	private final AccountService accounts;

	private final TenantService tenants;

	private final AuditService audit;

	private final AdvisoryLocks locks;

	private final SignInMethods methods;

	static final String REFRESH_PURPOSE = "provider-refresh-token";

	private static final List<String> WECHAT_FAMILY = List.of("wechat", WechatMiniClient.PROVIDER);

	private final SecretBox box;

	private final TransactionTemplate transactions;

	private final String status;

	private final ProviderCalls calls;

	SocialService(List<ProviderClient> clients, IdentityService identities, Users users, UserLifecycle lifecycle,
			AccountService accounts, TenantService tenants, AuditService audit, AdvisoryLocks locks,
			SignInMethods methods, SecretBox box, TransactionTemplate transactions, ProviderCalls calls) {
		this.lifecycle = lifecycle;
		this.calls = calls;
		this.clients = new java.util.HashMap<>();
		clients.forEach((client) -> this.clients.put(client.provider(), client));
		this.status = "social sign-in on: " + names(clients.stream().filter(ProviderClient::configured).toList())
				+ " (off, no app credentials: "
				+ names(clients.stream().filter((client) -> !client.configured()).toList()) + ")";
		this.identities = identities;
		this.users = users;
		this.accounts = accounts;
		this.tenants = tenants;
		this.audit = audit;
		this.locks = locks;
		this.methods = methods;
		this.box = box;
		this.transactions = transactions;
	}

	/**
	 * Signs in with a provider's credential. When the account has a second factor, the
	 * first step's work (a refresh token kept, an identity bound) commits before 40106 is
	 * answered.
	 */
	LoginResult login(SocialCredential credential) {
		SocialProfile profile = verify(credential);
		Object outcome = this.transactions.execute((status) -> {
			try {
				return loginVerified(profile);
			}
			catch (SecondFactorRequired pending) {
				return pending;
			}
		});
		if (outcome instanceof SecondFactorRequired pending) {
			throw pending;
		}
		return (LoginResult) outcome;
	}

	private LoginResult loginVerified(SocialProfile profile) {
		lock(profile);
		Identity known = this.identities.find(profile.provider(), profile.subject()).orElse(null);
		if (known != null) {
			UserView user = this.users.get(known.userId());
			if (!user.isActive()) {
				this.audit.recordFailure(AuditType.LOGIN_FAILURE, user.id(), null, "social: account disabled");
				throw new AccountDisabled();
			}
			keepRefresh(profile);
			return this.accounts.signIn(user, profile.provider(), false, Amr.FEDERATED);
		}
		UserView sameUnion = sameWechatUser(profile);
		if (sameUnion != null) {
			// the WeChat app and the mini-program are one person's: one account
			if (!sameUnion.isActive()) {
				throw new AccountDisabled();
			}
			this.identities.bind(sameUnion.id(), profile.provider(), profile.subject(), profile.unionId(),
					profile.email());
			return this.accounts.signIn(sameUnion, profile.provider(), false, Amr.FEDERATED);
		}
		UserView user = this.lifecycle.create(
				ProfileUpdate.unlessNull(nickname(profile), avatar(profile), null, null, null, null),
				CreatedVia.SOCIAL);
		// user.created tells of the account and the identity it was made for
		this.identities.bindToNewAccount(user.id(), profile.provider(), profile.subject(), profile.unionId(),
				profile.email());
		keepRefresh(profile);
		return this.accounts.signIn(user, profile.provider(), true, Amr.FEDERATED);
	}

	/**
	 * The active account of a WeChat identity (app or mini-program) with this unionid.
	 */
	private UserView sameWechatUser(SocialProfile profile) {
		if (profile.unionId() == null || !WECHAT_FAMILY.contains(profile.provider())) {
			return null;
		}
		return this.identities.findByUnionId(profile.unionId(), WECHAT_FAMILY)
			.map((identity) -> this.users.get(identity.userId()))
			.orElse(null);
	}

	SignInMethod bind(long userId, SocialCredential credential) {
		SocialProfile profile = verify(credential);
		return this.transactions.execute((status) -> {
			lock(profile);
			UserView sameUnion = sameWechatUser(profile);
			if (sameUnion != null && sameUnion.id() != userId) {
				// the same person's WeChat is another account's: binding it here would
				// split one person into two accounts, as signing in would not
				throw new IdentityBoundElsewhere();
			}
			Identity identity = this.identities.bind(userId, profile.provider(), profile.subject(), profile.unionId(),
					profile.email());
			keepRefresh(profile);
			this.audit.record(AuditType.BIND, userId, null, profile.provider());
			return new SignInMethod(identity.provider(), SignInMethod.mask(identity.subject()),
					identity.createdAt().toEpochMilli());
		});
	}

	void unbind(long userId, String provider) {
		this.transactions.executeWithoutResult((status) -> {
			this.identities.unbind(userId, provider);
			this.audit.record(AuditType.UNBIND, userId, null, provider);
		});
	}

	List<SignInMethod> list(long userId) {
		return this.methods.of(this.users.get(userId), false);
	}

	/**
	 * The provider's refresh token, sealed, on the identity: account deletion revokes it.
	 */
	private void keepRefresh(SocialProfile profile) {
		if (profile.refreshToken() != null) {
			this.identities.keepRefresh(profile.provider(), profile.subject(),
					this.box.seal(REFRESH_PURPOSE, profile.refreshToken().getBytes(StandardCharsets.UTF_8)));
		}
	}

	private SocialProfile verify(SocialCredential credential) {
		ProviderClient client = this.clients.get(credential.provider());
		if (client == null) {
			throw new ApiException(ErrorCode.INVALID_REQUEST);
		}
		if (!client.configured()) {
			// a provider without this app's credentials cannot tell whose app a token
			// was issued to: it is off
			throw new ApiException(ErrorCode.THIRD_PARTY_REJECTED);
		}
		return this.calls.timed(credential.provider(), () -> client.verify(credential));
	}

	private static String names(List<ProviderClient> clients) {
		return clients.isEmpty() ? "none"
				: String.join(", ", clients.stream().map(ProviderClient::provider).sorted().toList());
	}

	/**
	 * First sign-ins of one identity take turns; so do those of one unionid, so the
	 * WeChat app and the mini-program signing in for the first time at once make one
	 * account.
	 */
	private void lock(SocialProfile profile) {
		if (profile.unionId() != null && WECHAT_FAMILY.contains(profile.provider())) {
			this.locks.lockForTransaction("wechat-union:" + profile.unionId());
		}
		this.locks.lockForTransaction("identity:" + profile.provider() + ":" + profile.subject());
	}

	/**
	 * The provider's nickname as ours: shown to other people, so kept to plain text and
	 * to 32 characters.
	 */
	private static String nickname(SocialProfile profile) {
		String name = (profile.nickname() != null) ? PlainText.Validator.clean(profile.nickname()).strip() : null;
		if (name == null || name.isEmpty()) {
			return null;
		}
		return (name.codePointCount(0, name.length()) > 32) ? name.substring(0, name.offsetByCodePoints(0, 32)) : name;
	}

	private static String avatar(SocialProfile profile) {
		String url = profile.avatar();
		return (url != null && ImageUrl.Validator.isValid(url) && !url.startsWith("/")) ? url : null;
	}

	@Override
	public String describe() {
		return this.status;
	}

}
