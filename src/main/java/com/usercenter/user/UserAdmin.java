package com.usercenter.user;

import java.time.Clock;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What operators do with accounts: find them, make them, and change their status and
 * roles.
 */
@Service
public class UserAdmin {

	private final UserRepository users;

	private final UserRows rows;

	private final Passwords passwords;

	private final Clock clock;

	private final ApplicationEventPublisher outbox;

	UserAdmin(UserRepository users, UserRows rows, Passwords passwords, Clock clock, ApplicationEventPublisher outbox) {
		this.users = users;
		this.rows = rows;
		this.passwords = passwords;
		this.clock = clock;
		this.outbox = outbox;
	}

	/**
	 * Users by ids and/or a substring of nickname or username (case-insensitive,
	 * wildcards taken literally), newest first.
	 */
	@Transactional(readOnly = true)
	public Page<UserView> search(Collection<Long> ids, String name, int page, int size) {
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
				// key, PostgreSQL walks it backwards through every user whenever it
				// guesses a rare pattern common (1% for some, at 1M users 0.5 s instead
				// of 1 ms); this way the trigram indexes find the matches and the page is
				// sorted from them, never costing more than the count beside it
				query.orderBy(cb.desc(cb.sum(root.<Long>get("id"), 0L)));
				return cb.or(cb.like(cb.lower(root.get("nickname")), pattern, '\\'),
						cb.like(root.get("username"), pattern, '\\'));
			});
			return this.users.findAll(spec, PageRequest.of(page, size)).map(User::view);
		}
		return this.users.findAll(spec, PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "id"))).map(User::view);
	}

	/**
	 * Creates an account for an administrator, with an optional password (checked against
	 * the policy by the caller). A mobile, email or username another account has is
	 * answered with that account's id.
	 */
	@Transactional
	public UserView create(PhoneNumber mobile, Email email, String username, String nickname, String password) {
		String hash = this.passwords.hash(password);
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
		user.changePasswordHash(hash);
		user.applyProfile(ProfileUpdate.unlessNull(nickname, null, null, null, null, null));
		// a lost race answers without the holder: see AdminUserService.create
		UserView created = this.rows.saveUnique(user).view();
		created(created.id());
		return created;
	}

	/** Creates an administrator with the given username and password. */
	@Transactional
	public UserView createAdmin(String username, String password) {
		String hash = this.passwords.hash(password);
		User user = new User(this.clock.instant());
		user.changeUsername(username.toLowerCase(Locale.ROOT));
		user.changePasswordHash(hash);
		user.grant(User.ROLE_ADMIN);
		UserView created = this.rows.save(user).view();
		created(created.id());
		return created;
	}

	private void created(long userId) {
		this.outbox.publishEvent(UserEvent.created(userId, CreatedVia.ADMIN));
	}

	/**
	 * Changes the status, the roles or both ({@code null} leaves one as it is); a status
	 * that changed records {@code user.disabled} or {@code user.enabled}.
	 * @throws UserNotFound also for an erased account, which stays erased
	 */
	@Transactional
	public UserView changeStatusAndRoles(long userId, UserStatus status, Set<String> roles) {
		User user = this.rows.lock(userId);
		if (user.isErased()) {
			// nothing is left to enable: an erased account stays erased
			throw new UserNotFound();
		}
		boolean statusChanged = status != null && user.changeStatus(status);
		if (roles != null) {
			user.replaceRoles(roles);
		}
		user.touch(this.clock.instant());
		UserView changed = this.rows.save(user).view();
		if (statusChanged) {
			this.outbox.publishEvent(UserEvent.statusChanged(userId, status));
		}
		return changed;
	}

}
