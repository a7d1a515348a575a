package com.usercenter.user;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An account's life: made by a sign-up, a partner or a social sign-in, then, when its
 * owner asks, a cooling-off period and erasure.
 */
@Service
public class UserLifecycle {

	private final UserRows rows;

	private final Passwords passwords;

	private final IdentityRepository identities;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	UserLifecycle(UserRows rows, Passwords passwords, IdentityRepository identities, Clock clock,
			ApplicationEventPublisher events) {
		this.rows = rows;
		this.passwords = passwords;
		this.identities = identities;
		this.clock = clock;
		this.events = events;
	}

	/**
	 * Creates an account identified by a mobile number or an email (exactly one) its
	 * owner just proved with a code, with an optional password and nickname.
	 * @throws MobileAlreadyInUse or {@link EmailAlreadyInUse} when another account has
	 * it, also when a concurrent request took it first
	 */
	@Transactional
	public UserView createWithContact(Contact contact, String password, String nickname) {
		String hash = this.passwords.hash(password);
		if (this.rows.holderOf(contact).isPresent()) {
			throw UserRows.inUse(contact);
		}
		User user = new User(this.clock.instant());
		user.changeContact(contact, true);
		user.changePasswordHash(hash);
		user.applyProfile(ProfileUpdate.unlessNull(nickname, null, null, null, null, null));
		return this.rows.saveUnique(user).view();
	}

	/**
	 * Creates an account with only profile fields: a partner's user or a social
	 * sign-in's.
	 */
	@Transactional
	public UserView create(ProfileUpdate details) {
		User user = new User(this.clock.instant());
		user.applyProfile(details);
		return this.rows.save(user).view();
	}

	/**
	 * Starts the cooling-off period of a deletion the owner asked for; asking again keeps
	 * the first date.
	 * @param byTenant the partner whose sign-in is the proof, or null for the owner's own
	 * @return when the account will be erased
	 */
	@Transactional
	public Instant requestDeletion(long userId, Duration coolingOff, Long byTenant) {
		User user = this.rows.lock(userId);
		Instant now = this.clock.instant();
		user.requestDeletion(now, now.plus(coolingOff), byTenant);
		user.touch(now);
		this.rows.save(user);
		return user.getEraseAt();
	}

	/** The owner signed in again and keeps the account. */
	@Transactional
	public void cancelDeletion(long userId) {
		User user = this.rows.lock(userId);
		user.cancelDeletion();
		user.touch(this.clock.instant());
		this.rows.save(user);
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
		User user = this.rows.lock(userId);
		if (user.isErased() || user.getEraseAt() == null) {
			return false;
		}
		this.identities.deleteByUserId(userId);
		AccountErased erased = new AccountErased(userId, user.getAvatar(), user.getBackground(), user.getMobile(),
				user.getEmail());
		user.erase();
		user.touch(this.clock.instant());
		this.rows.save(user);
		this.events.publishEvent(erased);
		return true;
	}

}
