package com.usercenter.profile;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.usercenter.catalog.CatalogService;
import com.usercenter.changes.AnnouncedCache;
import com.usercenter.changes.Announcements;
import com.usercenter.core.ApiException;
import com.usercenter.core.validation.Dates;
import com.usercenter.hobby.HobbyService;
import com.usercenter.user.ProfileFields;
import com.usercenter.user.UserChanged;
import com.usercenter.user.UserNotFound;
import com.usercenter.user.UserView;
import com.usercenter.user.Users;

import org.springframework.context.event.EventListener;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Assembles and changes profiles. {@code age} is whole years since the birthday, in the
 * service's zone.
 * <p>
 * A user's own profile ({@code GET /users/me}, the busiest read) is kept in memory per
 * language for the day, and forgotten on every instance when PostgreSQL announces that
 * anything it shows changed (V12, {@value UserChanged#CHANNEL}); while that channel is
 * down it is read from the database. That announcement is the only way it is forgotten: a
 * change made here ({@link UserChanged}) waits until this instance heard it.
 */
@Service
public class ProfileService {

	private final Users users;

	private final ProfileFields fields;

	private final HobbyService hobbies;

	private final CatalogService catalog;

	private final Clock clock;

	private final AnnouncedCache<Long, Kept> own;

	private final Announcements announcements;

	private final TransactionTemplate reading;

	ProfileService(Users users, ProfileFields fields, HobbyService hobbies, CatalogService catalog, Clock clock,
			Announcements announcements, PlatformTransactionManager transactions) {
		this.users = users;
		this.fields = fields;
		this.hobbies = hobbies;
		this.catalog = catalog;
		this.clock = clock;
		this.announcements = announcements;
		this.own = new AnnouncedCache<>(announcements, UserChanged.CHANNEL, Long::valueOf, 10_000,
				Duration.ofMinutes(10));
		this.reading = new TransactionTemplate(transactions);
		this.reading.setReadOnly(true);
	}

	/** The user's own profile, from memory when it is kept and trusted. */
	public Profile ownProfile(long userId) {
		Locale locale = locale();
		LocalDate today = LocalDate.now(this.clock);
		Kept kept = this.own.get(userId);
		Profile profile = (kept != null && kept.day().equals(today)) ? kept.byLanguage().get(locale) : null;
		if (profile != null) {
			return profile;
		}
		long mark = this.own.mark();
		Profile read = this.reading.execute((status) -> ownProfile(this.users.get(userId)));
		this.own.keep(userId, mark, (earlier) -> Kept.of(earlier, today, locale, read));
		return read;
	}

	/**
	 * A user's row changed in the current transaction: the request that changed it
	 * returns once this instance heard the database announce it, so it reads its change
	 * at once here, as every instance does within a second.
	 */
	@EventListener
	void on(UserChanged changed) {
		this.announcements.awaitOwnChanges();
	}

	@Transactional(readOnly = true)
	public Profile ownProfile(UserView user) {
		return profile(user, true);
	}

	/** What any signed-in user may see of another: no contacts, username or address. */
	@Transactional(readOnly = true)
	public Profile publicProfile(long userId) {
		UserView user = this.users.find(userId).filter(UserView::isActive).orElseThrow(UserNotFound::new);
		return profile(user, false);
	}

	@Transactional
	Profile update(long userId, ProfilePatch patch) {
		Long communityId = patch.fields().communityId().value();
		if (communityId != null && this.catalog.community(communityId).isEmpty()) {
			throw ApiException.invalid("communityId", "must be an id from GET /api/v1/communities");
		}
		// the hobbies under the row's lock, and in the same user.updated as the fields
		this.fields.update(userId, patch.fields(),
				() -> (patch.hobbyIds() != null && this.hobbies.replace(userId, patch.hobbyIds()))
						? List.of(HobbyService.FIELD) : List.of());
		UserView user = this.users.get(userId);
		return profile(user, true);
	}

	private Profile profile(UserView user, boolean owner) {
		UserView.Details details = user.details();
		Profile.Community community = (details.communityId() != null) ? this.catalog.community(details.communityId())
			.map((c) -> new Profile.Community(c.id(), c.name(), c.cityId()))
			.orElse(null) : null;
		List<Profile.Hobby> hobbyList = this.hobbies.ofUser(user.id(), locale())
			.stream()
			.map((h) -> new Profile.Hobby(h.id(), h.name()))
			.toList();
		return new Profile(user.id(), details.nickname(), details.avatar(), details.background(), details.sex(),
				Dates.toEpochMillis(details.birthday(), this.clock), age(details.birthday()), details.height(),
				details.waist(), details.weight(), details.signature(), owner ? details.address() : null, community,
				hobbyList, owner ? user.mobile() : null, owner ? user.email() : null, owner ? user.username() : null,
				owner ? user.hasPassword() : null, user.createdAt().toEpochMilli(),
				(owner && user.mobile() != null) ? user.mobileVerified() : null,
				(owner && user.email() != null) ? user.emailVerified() : null, (owner && user.deletion() != null)
						? new Profile.Deletion("pending", user.deletion().eraseAt().toEpochMilli()) : null);
	}

	/** One user's own profile in each language asked for, as it was on {@code day}. */
	private record Kept(LocalDate day, Map<Locale, Profile> byLanguage) {

		static Kept of(Kept earlier, LocalDate day, Locale locale, Profile profile) {
			Map<Locale, Profile> byLanguage = new HashMap<>();
			if (earlier != null && earlier.day().equals(day)) {
				byLanguage.putAll(earlier.byLanguage());
			}
			byLanguage.put(locale, profile);
			return new Kept(day, Map.copyOf(byLanguage));
		}

	}

	private Integer age(LocalDate birthday) {
		return (birthday != null) ? Period.between(birthday, LocalDate.now(this.clock)).getYears() : null;
	}

	private static Locale locale() {
		return LocaleContextHolder.getLocale();
	}

}
