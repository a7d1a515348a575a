package com.usercenter.profile;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Locale;

import com.usercenter.catalog.CatalogService;
import com.usercenter.core.ApiException;
import com.usercenter.core.Dates;
import com.usercenter.hobby.HobbyService;
import com.usercenter.user.User;
import com.usercenter.user.UserNotFound;
import com.usercenter.user.UserService;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Assembles and changes profiles. {@code age} is whole years since the birthday, in the
 * service's zone.
 */
@Service
public class ProfileService {

	private final UserService users;

	private final HobbyService hobbies;

	private final CatalogService catalog;

	private final Clock clock;

	ProfileService(UserService users, HobbyService hobbies, CatalogService catalog, Clock clock) {
		this.users = users;
		this.hobbies = hobbies;
		this.catalog = catalog;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public Profile ownProfile(long userId) {
		return ownProfile(this.users.get(userId));
	}

	@Transactional(readOnly = true)
	public Profile ownProfile(User user) {
		return profile(user, true);
	}

	/** What any signed-in user may see of another: no contacts, username or address. */
	@Transactional(readOnly = true)
	public Profile publicProfile(long userId) {
		User user = this.users.find(userId).filter(User::isActive).orElseThrow(UserNotFound::new);
		return profile(user, false);
	}

	@Transactional
	Profile update(long userId, ProfilePatch patch) {
		Long communityId = patch.fields().communityId().value();
		if (communityId != null && this.catalog.community(communityId).isEmpty()) {
			throw ApiException.invalid("communityId", "must be an id from GET /api/v1/communities");
		}
		this.users.updateProfile(userId, patch.fields());
		User user = this.users.get(userId);
		if (patch.hobbyIds() != null) {
			this.hobbies.replaceUserHobbies(userId, patch.hobbyIds(), locale());
		}
		return profile(user, true);
	}

	private Profile profile(User user, boolean owner) {
		Profile.Community community = (user.getCommunityId() != null) ? this.catalog.community(user.getCommunityId())
			.map((c) -> new Profile.Community(c.id(), c.name(), c.cityId()))
			.orElse(null) : null;
		List<Profile.Hobby> hobbyList = this.hobbies.ofUser(user.getId(), locale())
			.stream()
			.map((h) -> new Profile.Hobby(h.id(), h.name()))
			.toList();
		return new Profile(user.getId(), user.getNickname(), user.getAvatar(), user.getBackground(), user.getSex(),
				Dates.toEpochMillis(user.getBirthday(), this.clock), age(user.getBirthday()), user.getHeight(),
				user.getWaist(), user.getWeight(), user.getSignature(), owner ? user.getAddress() : null, community,
				hobbyList, owner ? user.getMobile() : null, owner ? user.getEmail() : null,
				owner ? user.getUsername() : null, owner ? user.hasPassword() : null,
				user.getCreatedAt().toEpochMilli(),
				(owner && user.getMobile() != null) ? user.isMobileVerified() : null,
				(owner && user.getEmail() != null) ? user.isEmailVerified() : null, (owner && user.getEraseAt() != null)
						? new Profile.Deletion("pending", user.getEraseAt().toEpochMilli()) : null);
	}

	private Integer age(LocalDate birthday) {
		return (birthday != null) ? Period.between(birthday, LocalDate.now(this.clock)).getYears() : null;
	}

	private static Locale locale() {
		return LocaleContextHolder.getLocale();
	}

}
