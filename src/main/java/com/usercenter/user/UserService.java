package com.usercenter.user;

import java.time.Clock;
import java.util.Collection;
import java.util.Set;
import java.util.Locale;
import java.util.Optional;

import com.usercenter.core.ApiException;
import com.usercenter.core.errors.UniqueConstraints;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What other features may do with users: create them, find them and change what
 * identifies them. Uniqueness is the database's: a lost race is reported as the same fact
 * as a found duplicate.
 */
@Service
public class UserService {

	private final UserRepository users;

	private final Clock clock;

	private final IdentityRepository identities;

	private final ApplicationEventPublisher events;

	UserService(UserRepository users, Clock clock, IdentityRepository identities, ApplicationEventPublisher events) {
		this.users = users;
		this.clock = clock;
		this.identities = identities;
		this.events = events;
	}

	@Transactional(readOnly = true)
	public Optional<User> find(long id) {
		return this.users.findById(id);
	}

	@Transactional(readOnly = true)
	public User get(long id) {
		return this.users.findById(id).orElseThrow(UserNotFound::new);
	}

	/**
	 * The user, its row locked until the transaction ends: concurrent changes to one
	 * account take turns instead of failing on the version check.
	 */
	private User lockForUpdate(long id) {
		return this.users.findForUpdateById(id).orElseThrow(UserNotFound::new);
	}

	/**
	 * Finds an account by what a person types to sign in: a mobile number, an email or a
	 * username.
	 */
	@Transactional(readOnly = true)
	public Optional<User> findByAccount(String account) {
		if (account == null || account.isBlank()) {
			return Optional.empty();
		}
		if (account.contains("@")) {
			Email email = Email.parseOrNull(account);
			return (email != null) ? this.users.findByEmail(email.value()) : Optional.empty();
		}
		PhoneNumber mobile = PhoneNumber.parseOrNull(account);
		if (mobile != null) {
			Optional<User> byMobile = this.users.findByMobile(mobile.e164());
			if (byMobile.isPresent()) {
				return byMobile;
			}
		}
		return this.users.findByUsername(account.trim().toLowerCase(Locale.ROOT));
	}

	/** The account that holds this mobile or email, proven or not. */
	@Transactional(readOnly = true)
	public Optional<User> findByContact(Contact contact) {
		return (contact instanceof PhoneNumber mobile) ? this.users.findByMobile(mobile.e164())
				: this.users.findByEmail(contact.value());
	}

	@Transactional(readOnly = true)
	public boolean contactTaken(Contact contact) {
		return findByContact(contact).isPresent();
	}

	/**
	 * Creates an account identified by a mobile number or an email (exactly one) its
	 * owner just proved with a code, with an optional password hash and nickname.
	 * @throws MobileAlreadyInUse or {@link EmailAlreadyInUse} when another account has
	 * it, also when a concurrent request took it first
	 */
	@Transactional
	public User createWithContact(Contact contact, String passwordHash, String nickname) {
		if (contactTaken(contact)) {
			throw inUse(contact);
		}
		User user = new User(this.clock.instant());
		user.changeContact(contact, true);
		user.changePasswordHash(passwordHash);
		user.applyProfile(ProfileUpdate.unlessNull(nickname, null, null, null, null, null));
		return saveUnique(user);
	}

	/**
	 * Creates an account for an administrator. A mobile, email or username another
	 * account has is answered with that account's id.
	 */
	@Transactional
	public User createByAdmin(PhoneNumber mobile, Email email, String username, String nickname, String passwordHash) {
		// the username first: a taken one (not masked data) must not let the contacts
		// beside it be probed without creating anything
		String name = (username != null) ? username.toLowerCase(Locale.ROOT) : null;
		if (name != null) {
			this.users.findByUsername(name).ifPresent((holder) -> {
				throw new UsernameAlreadyInUse(holder.getId());
			});
		}
		if (mobile != null) {
			this.users.findByMobile(mobile.e164()).ifPresent((holder) -> {
				throw new MobileAlreadyInUse(holder.getId());
			});
		}
		if (email != null) {
			this.users.findByEmail(email.value()).ifPresent((holder) -> {
				throw new EmailAlreadyInUse(holder.getId());
			});
		}
		// an administrator's word is not the owner's proof: unverified until a code says
		// so
		User user = new User(this.clock.instant());
		if (mobile != null) {
			user.changeContact(mobile, false);
		}
		if (email != null) {
			user.changeContact(email, false);
		}
		user.changeUsername(name);
		user.changePasswordHash(passwordHash);
		user.applyProfile(ProfileUpdate.unlessNull(nickname, null, null, null, null, null));
		// a lost race answers without the holder: see AdminUserService.create
		return saveUnique(user);
	}

	/**
	 * Users by ids and/or a substring of nickname or username (case-insensitive,
	 * wildcards taken literally), newest first.
	 */
	@Transactional(readOnly = true)
	public Page<User> search(Collection<Long> ids, String name, int page, int size) {
		Specification<User> spec = (root, query, cb) -> cb.conjunction();
		if (ids != null && !ids.isEmpty()) {
			spec = spec.and((root, query, cb) -> root.get("id").in(ids));
		}
		if (name != null && !name.isBlank()) {
			this.users.planForTheseParameters();
			String pattern = "%"
					+ name.trim().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
					+ "%";
			spec = spec.and((root, query, cb) -> {
				// newest first by id + 0, which no index serves: ordered by the primary
				// key,
				// PostgreSQL walks it backwards through every user whenever it guesses a
				// rare pattern common (1% for some, at 1M users 0.5 s instead of 1 ms);
				// this
				// way the trigram indexes find the matches and the page is sorted from
				// them,
				// never costing more than the count beside it
				query.orderBy(cb.desc(cb.sum(root.<Long>get("id"), 0L)));
				return cb.or(cb.like(cb.lower(root.get("nickname")), pattern, '\\'),
						cb.like(root.get("username"), pattern, '\\'));
			});
			return this.users.findAll(spec, PageRequest.of(page, size));
		}
		return this.users.findAll(spec, PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "id")));
	}

	@Transactional
	public User changeStatusAndRoles(long userId, UserStatus status, Set<String> roles) {
		User user = lockForUpdate(userId);
		if (user.isErased()) {
			// nothing is left to enable: an erased account stays erased
			throw new UserNotFound();
		}
		if (status != null) {
			user.changeStatus(status);
		}
		if (roles != null) {
			user.replaceRoles(roles);
		}
		user.touch(this.clock.instant());
		return this.users.saveAndFlush(user);
	}

	@Transactional
	public void changePasswordHash(long userId, String passwordHash) {
		User user = lockForUpdate(userId);
		user.changePasswordHash(passwordHash);
		user.touch(this.clock.instant());
		this.users.saveAndFlush(user);
	}

	/**
	 * Saves, turning a lost uniqueness race into the same fact a found duplicate gives.
	 */
	private User saveUnique(User user) {
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

	@Transactional
	public User create(ProfileUpdate details) {
		User user = new User(this.clock.instant());
		user.applyProfile(details);
		return this.users.saveAndFlush(user);
	}

	/** Creates an administrator with the given username and password hash. */
	@Transactional
	public User createAdmin(String username, String passwordHash) {
		User user = new User(this.clock.instant());
		user.changeUsername(username.toLowerCase(Locale.ROOT));
		user.changePasswordHash(passwordHash);
		user.grant(User.ROLE_ADMIN);
		return this.users.saveAndFlush(user);
	}

	@Transactional(readOnly = true)
	public boolean usernameTaken(String username) {
		return this.users.existsByUsername(username.toLowerCase(Locale.ROOT));
	}

	/**
	 * Sets or replaces the account's mobile or email; {@code proven} when its owner just
	 * proved it with a code, false when a partner or an admin sets it.
	 */
	@Transactional
	public void changeContact(long userId, Contact contact, boolean proven) {
		User user = lockForUpdate(userId);
		Optional<User> holder = findByContact(contact);
		if (holder.isPresent() && !holder.get().getId().equals(userId)) {
			throw inUse(contact);
		}
		user.changeContact(contact, proven);
		user.touch(this.clock.instant());
		saveUnique(user);
	}

	/**
	 * The owner of a mobile or email just proved it with a code: an account that holds it
	 * unproven (set by a partner or an admin) loses it, so the owner never lands in that
	 * account.
	 * @return the account that lost the contact, if one did
	 */
	@Transactional
	public Optional<Long> releaseUnproven(Contact contact) {
		Optional<User> holder = findByContact(contact);
		if (holder.isEmpty() || holder.get().holdsVerified(contact)) {
			return Optional.empty();
		}
		User user = lockForUpdate(holder.get().getId());
		user.removeContact(contact);
		user.touch(this.clock.instant());
		this.users.saveAndFlush(user);
		return Optional.of(user.getId());
	}

	private static ApiException inUse(Contact contact) {
		return (contact instanceof PhoneNumber) ? new MobileAlreadyInUse() : new EmailAlreadyInUse();
	}

	/**
	 * Starts the cooling-off period of a deletion the owner asked for; asking again keeps
	 * the first date.
	 * @param byTenant the partner whose sign-in is the proof, or null for the owner's own
	 * @return when the account will be erased
	 */
	@Transactional
	public java.time.Instant requestDeletion(long userId, java.time.Duration coolingOff, Long byTenant) {
		User user = lockForUpdate(userId);
		java.time.Instant now = this.clock.instant();
		user.requestDeletion(now, now.plus(coolingOff), byTenant);
		user.touch(now);
		this.users.saveAndFlush(user);
		return user.getEraseAt();
	}

	/** The owner signed in again and keeps the account. */
	@Transactional
	public void cancelDeletion(long userId) {
		User user = lockForUpdate(userId);
		user.cancelDeletion();
		user.touch(this.clock.instant());
		this.users.saveAndFlush(user);
	}

	/**
	 * Erases the account down to its id and the status {@code erased}, and has every
	 * feature delete what it keeps about the person ({@link AccountErased}), in one
	 * transaction. Nothing happens to an account that is erased already or whose deletion
	 * was cancelled.
	 * @return whether this call erased it
	 */
	@Transactional
	public boolean erase(long userId) {
		User user = lockForUpdate(userId);
		if (user.isErased() || user.getEraseAt() == null) {
			return false;
		}
		this.identities.deleteByUserId(userId);
		AccountErased erased = new AccountErased(userId, user.getAvatar(), user.getBackground(), user.getMobile(),
				user.getEmail());
		user.erase();
		user.touch(this.clock.instant());
		this.users.saveAndFlush(user);
		this.events.publishEvent(erased);
		return true;
	}

	/**
	 * Applies a partial update of the profile fields.
	 * @return whether anything changed
	 */
	@Transactional
	public boolean updateProfile(long userId, ProfileUpdate update) {
		User user = lockForUpdate(userId);
		boolean changed = user.applyProfile(update);
		if (changed) {
			user.touch(this.clock.instant());
			this.users.saveAndFlush(user);
		}
		return changed;
	}

	/** Whether any profile points at this image as its avatar or background. */
	@Transactional(readOnly = true)
	public boolean imageInUse(String url) {
		return this.users.countByAvatarOrBackground(url, url) > 0;
	}

	/**
	 * Points the avatar at a new image.
	 * @return the avatar it pointed at before, or null
	 */
	@Transactional
	public String changeAvatar(long userId, String url) {
		String before = lockForUpdate(userId).getAvatar();
		updateProfile(userId, ProfileUpdate.none().withAvatar(url));
		return before;
	}

}
