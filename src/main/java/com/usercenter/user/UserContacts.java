package com.usercenter.user;

import java.time.Clock;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The mobile numbers and emails accounts hold: who holds one, setting one, and taking one
 * back from an account that holds it unproven when its owner proves it. Uniqueness is the
 * database's: a lost race is reported as the same fact as a found duplicate. Every
 * account whose mobile or email (or its proof) changed records
 * {@code user.contact_changed}.
 */
@Service
public class UserContacts {

	private final UserRows rows;

	private final Clock clock;

	private final ApplicationEventPublisher outbox;

	UserContacts(UserRows rows, Clock clock, ApplicationEventPublisher outbox) {
		this.rows = rows;
		this.clock = clock;
		this.outbox = outbox;
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
		if (!user.changeContact(contact, proven)) {
			return;
		}
		user.touch(this.clock.instant());
		this.rows.saveUnique(user);
		contactChanged(userId, contact);
	}

	/**
	 * The owner of a mobile or email just proved it with a code: an account that holds it
	 * unproven (set by a partner or an admin) loses it, so the owner never lands in that
	 * account.
	 * @return the account that lost the contact, if one did
	 */
	@Transactional
	public Optional<Long> releaseUnproven(Contact contact) {
		return releaseUnproven(contact, null);
	}

	/**
	 * The same, but an account that is {@code keeper} keeps it: its owner is about to set
	 * it as proven ({@link #change}), so its contact stays what it was.
	 * @return the account that lost the contact, if one did
	 */
	@Transactional
	public Optional<Long> releaseUnproven(Contact contact, Long keeper) {
		Optional<User> holder = this.rows.holderOf(contact);
		if (holder.isEmpty() || holder.get().view().holdsVerified(contact) || holder.get().getId().equals(keeper)) {
			return Optional.empty();
		}
		User user = this.rows.lock(holder.get().getId());
		user.removeContact(contact);
		user.touch(this.clock.instant());
		this.rows.save(user);
		contactChanged(user.getId(), contact);
		return Optional.of(user.getId());
	}

	private void contactChanged(long userId, Contact contact) {
		this.outbox.publishEvent(UserEvent.contactChanged(userId, contact.kind()));
	}

}
