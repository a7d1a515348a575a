package com.usercenter.user;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongConsumer;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An account's life: made by a sign-up, a partner or a social sign-in, then, when its
 * owner asks, a cooling-off period and erasure. Each step records its event (contract
 * 9.1: {@code user.created}, {@code user.deletion_requested},
 * {@code user.deletion_cancelled}, {@code user.erased}) in its own transaction, as a
 * {@link UserEvent}.
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
	 * @param via the sign-up, code or one-tap sign-in that made it
	 * @throws MobileAlreadyInUse or {@link EmailAlreadyInUse} when another account has
	 * it, also when a concurrent request took it first
	 */
	@Transactional
	public UserView createWithContact(Contact contact, String password, String nickname, CreatedVia via) {
		String hash = this.passwords.hash(password);
		if (this.rows.holderOf(contact).isPresent()) {
			throw UserRows.inUse(contact);
		}
		User user = new User(this.clock.instant());
		user.changeContact(contact, true);
		user.changePasswordHash(hash);
		user.applyProfile(ProfileUpdate.unlessNull(nickname, null, null, null, null, null));
		UserView created = this.rows.saveUnique(user).view();
		created(created.id(), via);
		return created;
	}

	/**
	 * Creates an account with only profile fields: a social sign-in's.
	 */
	@Transactional
	public UserView create(ProfileUpdate details, CreatedVia via) {
		return create(details, via, (id) -> {
		});
	}

	/**
	 * Creates an account with only profile fields: a partner's user, whose mapping
	 * {@code alongside} writes before {@code user.created} is recorded, so the partner's
	 * own subscriptions hear of it (with its {@code associatedId}).
	 * @param alongside what the caller writes with the new account, given its id
	 */
	@Transactional
	public UserView create(ProfileUpdate details, CreatedVia via, LongConsumer alongside) {
		User user = new User(this.clock.instant());
		user.applyProfile(details);
		UserView created = this.rows.save(user).view();
		alongside.accept(created.id());
		created(created.id(), via);
		return created;
	}

	private void created(long userId, CreatedVia via) {
		this.events.publishEvent(UserEvent.created(userId, via));
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
		boolean first = user.getEraseAt() == null;
		user.requestDeletion(now, now.plus(coolingOff), byTenant);
		user.touch(now);
		this.rows.save(user);
		if (first) {
			this.events.publishEvent(UserEvent.deletionRequested(userId, user.getEraseAt()));
		}
		return user.getEraseAt();
	}

	/**
	 * The owner signed in again and keeps the account; nothing happens to one without a
	 * pending deletion.
	 */
	@Transactional
	public void cancelDeletion(long userId) {
		User user = this.rows.lock(userId);
		if (user.getEraseAt() == null) {
			return;
		}
		user.cancelDeletion();
		user.touch(this.clock.instant());
		this.rows.save(user);
		this.events.publishEvent(UserEvent.deletionCancelled(userId));
	}

	/**
	 * Erases the account down to its id and the status {@code erased}, and has every
	 * feature delete what it keeps about the person ({@link AccountErased}), in one
	 * transaction. {@code user.erased} is recorded before the features hear of it, so a
	 * partner's subscription still finds the mapping that erasure deletes and gets it
	 * with its {@code associatedId}. Nothing happens to an account that is erased already
	 * or whose deletion was cancelled.
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
		// first: recorded while the tenant mappings that erasure deletes are there
		this.events.publishEvent(UserEvent.erased(userId));
		this.events.publishEvent(erased);
		return true;
	}

}
