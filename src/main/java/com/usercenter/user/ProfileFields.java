package com.usercenter.user;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The profile fields kept on the account (nickname, avatar, body measures and the rest),
 * as the app, a partner and an avatar upload change them. A change records
 * {@code user.updated} with the names of the fields that changed; one that changes
 * nothing records nothing.
 */
@Service
public class ProfileFields {

	private final UserRepository users;

	private final UserRows rows;

	private final Clock clock;

	private final ApplicationEventPublisher outbox;

	ProfileFields(UserRepository users, UserRows rows, Clock clock, ApplicationEventPublisher outbox) {
		this.users = users;
		this.rows = rows;
		this.clock = clock;
		this.outbox = outbox;
	}

	/**
	 * Applies a partial update of the profile fields.
	 * @return whether anything changed
	 */
	@Transactional
	public boolean update(long userId, ProfileUpdate update) {
		return update(userId, update, List::of);
	}

	/**
	 * Applies a partial update of the profile fields and, under the row's lock, the
	 * changes {@code beside} makes to what the profile shows from elsewhere (the
	 * hobbies), so that one {@code user.updated} names them all.
	 * @param beside makes its changes and answers the names of the fields it changed
	 * @return whether anything changed
	 */
	@Transactional
	public boolean update(long userId, ProfileUpdate update, Supplier<Collection<String>> beside) {
		User user = this.rows.lock(userId);
		Set<String> changed = new LinkedHashSet<>(user.applyProfile(update));
		if (!changed.isEmpty()) {
			user.touch(this.clock.instant());
			this.rows.save(user);
		}
		changed.addAll(beside.get());
		if (changed.isEmpty()) {
			return false;
		}
		this.outbox.publishEvent(UserEvent.updated(userId, List.copyOf(changed)));
		return true;
	}

	/**
	 * Points the avatar at a new image.
	 * @return the avatar it pointed at before, or null
	 */
	@Transactional
	public String changeAvatar(long userId, String url) {
		String before = this.rows.lock(userId).getAvatar();
		update(userId, ProfileUpdate.none().withAvatar(url));
		return before;
	}

	/** Whether any profile points at this image as its avatar or background. */
	@Transactional(readOnly = true)
	public boolean imageInUse(String url) {
		return this.users.countByAvatarOrBackground(url, url) > 0;
	}

}
