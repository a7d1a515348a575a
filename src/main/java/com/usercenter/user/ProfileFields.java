package com.usercenter.user;

import java.time.Clock;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The profile fields kept on the account (nickname, avatar, body measures and the rest),
 * as the app, a partner and an avatar upload change them.
 */
@Service
public class ProfileFields {

	private final UserRepository users;

	private final UserRows rows;

	private final Clock clock;

	ProfileFields(UserRepository users, UserRows rows, Clock clock) {
		this.users = users;
		this.rows = rows;
		this.clock = clock;
	}

	/**
	 * Applies a partial update of the profile fields.
	 * @return whether anything changed
	 */
	@Transactional
	public boolean update(long userId, ProfileUpdate update) {
		User user = this.rows.lock(userId);
		boolean changed = user.applyProfile(update);
		if (changed) {
			user.touch(this.clock.instant());
			this.rows.save(user);
		}
		return changed;
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
