package com.usercenter.user;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.errors.UniqueConstraints;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The WeChat, Weibo and QQ identities of users, and the rule that an account keeps at
 * least one way to sign in. Uniqueness lives in the database: a lost race is the same
 * fact as a found conflict. Binding and unbinding record {@code identity.bound} and
 * {@code identity.unbound}; removing the mobile or email records
 * {@code user.contact_changed}.
 */
@Service
public class IdentityService {

	private final IdentityRepository identities;

	private final UserRepository users;

	private final Clock clock;

	private final ApplicationEventPublisher outbox;

	IdentityService(IdentityRepository identities, UserRepository users, Clock clock,
			ApplicationEventPublisher outbox) {
		this.identities = identities;
		this.users = users;
		this.clock = clock;
		this.outbox = outbox;
	}

	@Transactional(readOnly = true)
	public Optional<Identity> find(String provider, String subject) {
		return this.identities.findByProviderAndSubject(provider, subject).map(UserIdentity::view);
	}

	/**
	 * An identity of one of these providers with this unionid (WeChat's app and
	 * mini-program).
	 */
	@Transactional(readOnly = true)
	public Optional<Identity> findByUnionId(String unionId, java.util.Collection<String> providers) {
		return this.identities.findFirstByUnionIdAndProviderInOrderByCreatedAtAsc(unionId, providers)
			.map(UserIdentity::view);
	}

	@Transactional(readOnly = true)
	public boolean exists(String provider, String subject) {
		return this.identities.existsByProviderAndSubject(provider, subject);
	}

	@Transactional(readOnly = true)
	public List<Identity> of(long userId) {
		return this.identities.findByUserIdOrderByCreatedAtAsc(userId).stream().map(UserIdentity::view).toList();
	}

	/**
	 * Binds an identity to a user, with the email its provider vouched for (kept on the
	 * identity only); binding the same one again is a no-op.
	 * @throws IdentityBoundElsewhere when another user has it (40902, needMerge)
	 * @throws ApiException 40000 when the user already has another identity of this
	 * provider
	 */
	@Transactional
	public Identity bind(long userId, String provider, String subject, String unionId, String email) {
		return bind(userId, provider, subject, unionId, email, true);
	}

	/**
	 * Binds the identity a social sign-in just created the account for: its
	 * {@code user.created} tells of it, so no {@code identity.bound} is recorded.
	 */
	@Transactional
	public Identity bindToNewAccount(long userId, String provider, String subject, String unionId, String email) {
		return bind(userId, provider, subject, unionId, email, false);
	}

	private Identity bind(long userId, String provider, String subject, String unionId, String email, boolean report) {
		Optional<UserIdentity> existing = this.identities.findByProviderAndSubject(provider, subject);
		if (existing.isPresent()) {
			if (existing.get().getUserId() != userId) {
				throw new IdentityBoundElsewhere();
			}
			return existing.get().view();
		}
		if (this.identities.findByUserIdAndProvider(userId, provider).isPresent()) {
			throw ApiException.invalid("provider", "another account of this provider is bound: unbind it first");
		}
		Identity bound;
		try {
			bound = this.identities
				.saveAndFlush(new UserIdentity(userId, provider, subject, unionId, email, this.clock.instant()))
				.view();
		}
		catch (DataIntegrityViolationException ex) {
			if (UniqueConstraints.violated(ex, "uk_user_identity_subject")) {
				throw new IdentityBoundElsewhere();
			}
			throw ex;
		}
		if (report) {
			this.outbox.publishEvent(UserEvent.identityBound(userId, provider));
		}
		return bound;
	}

	/**
	 * Keeps the provider's refresh token (sealed by the caller) on the identity: one
	 * statement that sets it alone.
	 */
	@Transactional
	public void keepRefresh(String provider, String subject, byte[] sealed) {
		this.identities.keepRefresh(provider, subject, sealed);
	}

	/**
	 * The provider's refresh token kept (sealed) on the account's identity of this
	 * provider, if there is one.
	 */
	@Transactional(readOnly = true)
	public Optional<byte[]> keptRefresh(long userId, String provider) {
		return this.identities.findByUserIdAndProvider(userId, provider).map(UserIdentity::getRefreshSealed);
	}

	/**
	 * The refresh token kept as {@code revoked} on the account's identity of this
	 * provider was revoked at the provider: forget it, unless a newer one was kept
	 * meanwhile.
	 */
	@Transactional
	public void forgetRefresh(long userId, String provider, byte[] revoked) {
		this.identities.forgetRefresh(userId, provider, revoked);
	}

	/**
	 * Removes a way to sign in: a WeChat, Weibo or QQ identity
	 * ({@code identity.unbound}), or the mobile or email ({@code user.contact_changed}:
	 * they are the account's contacts, not identities).
	 * @throws ApiException 40903 when it is the last one, 40400 when there is none of
	 * this provider
	 */
	@Transactional
	public void unbind(long userId, String provider) {
		// locked: two unbinds at once would each count the other's way as left
		User user = this.users.findForUpdateById(userId).orElseThrow(UserNotFound::new);
		List<UserIdentity> socials = this.identities.findByUserIdOrderByCreatedAtAsc(userId);
		int ways = socials.size() + ((user.getMobile() != null) ? 1 : 0) + ((user.getEmail() != null) ? 1 : 0)
				+ ((user.hasPassword() && user.getUsername() != null) ? 1 : 0);
		switch (provider) {
			case "mobile" -> {
				require(user.getMobile() != null);
				requireAnother(ways);
				user.removeContact(new PhoneNumber(user.getMobile()));
			}
			case "email" -> {
				require(user.getEmail() != null);
				requireAnother(ways);
				user.removeContact(new Email(user.getEmail()));
			}
			default -> {
				UserIdentity identity = this.identities.findByUserIdAndProvider(userId, provider)
					.orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND));
				requireAnother(ways);
				this.identities.delete(identity);
			}
		}
		user.touch(this.clock.instant());
		this.users.saveAndFlush(user);
		if ("mobile".equals(provider) || "email".equals(provider)) {
			this.outbox.publishEvent(UserEvent.contactChanged(userId, provider));
		}
		else {
			this.outbox.publishEvent(UserEvent.identityUnbound(userId, provider));
		}
	}

	private static void require(boolean present) {
		if (!present) {
			throw new ApiException(ErrorCode.NOT_FOUND);
		}
	}

	private static void requireAnother(int ways) {
		if (ways <= 1) {
			throw new ApiException(ErrorCode.LAST_SIGN_IN_METHOD);
		}
	}

}
