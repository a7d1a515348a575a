package com.usercenter.user;

import java.time.Clock;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The mobile numbers and emails accounts hold: who holds one, setting one, and taking one
 * back from an account that holds it unproven when its owner proves it. Uniqueness is the
 * database's: a lost race is reported as the same fact as a found duplicate.
 */
@Service
public class UserContacts {

	private final UserRows rows;

	private final Clock clock;

	UserContacts(UserRows rows, Clock clock) {
		this.rows = rows;
		this.clock = clock;
	}

	/** The account that holds this mobile or email, proven or not. */
	@Transactional(readOnly = true)
	public Optional<UserView> holder(Contact contact) {
		return this.rows.holderOf(contact).map(User::view);
	}

	@Transactional(readOnly = true)
	public boolean taken(Contact contact) {
		return this.rows.holderOf(contact).isPresent();
	}

	/**
	 * Sets or replaces the account's mobile or email; {@code proven} when its owner just
	 * proved it with a code, false when a partner or an admin sets it.
	 * @throws MobileAlreadyInUse or {@link EmailAlreadyInUse} when another account has
	 * it, also when a concurrent request took it first
	 */
	@Transactional
	public void change(long userId, Contact contact, boolean proven) {
		User user = this.rows.lock(userId);
		Optional<User> holder = this.rows.holderOf(contact);
		if (holder.isPresent() && !holder.get().getId().equals(userId)) {
			throw UserRows.inUse(contact);
		}
		user.changeContact(contact, proven);
		user.touch(this.clock.instant());
		this.rows.saveUnique(user);
	}

	/**
	 * The owner of a mobile or email just proved it with a code: an account that holds it
	 * unproven (set by a partner or an admin) loses it, so the owner never lands in that
	 * account.
	 * @return the account that lost the contact, if one did
	 */
	@Transactional
	public Optional<Long> releaseUnproven(Contact contact) {
		Optional<User> holder = this.rows.holderOf(contact);
		if (holder.isEmpty() || holder.get().view().holdsVerified(contact)) {
			return Optional.empty();
		}
		User user = this.rows.lock(holder.get().getId());
		user.removeContact(contact);
		user.touch(this.clock.instant());
		this.rows.save(user);
		return Optional.of(user.getId());
	}

}
