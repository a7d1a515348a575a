package com.usercenter.hobby;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.usercenter.changes.AnnouncedCache;
import com.usercenter.changes.Announcements;
import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.errors.UniqueConstraints;
import com.usercenter.user.UserEvent;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The hobby catalog, kept in memory while the database's announcements of its changes are
 * heard (V14, {@value #CHANNEL}): forgotten on every instance when the catalog changes,
 * read from the database while that channel is down; and users' choices from it. A change
 * made here returns once this instance heard it. A user's hobbies are part of the
 * profile: a change of them records {@code user.updated} with the field {@code hobbyIds}.
 */
@Service
public class HobbyService {

	/** The name of the hobbies among a profile's fields, as a PATCH sends them. */
	public static final String FIELD = "hobbyIds";

	static final int MAX_PER_USER = 20;

	private final HobbyRepository hobbies;

	private final JdbcClient jdbc;

	private final Clock clock;

	/** Where V14 announces every change of the catalog, as {@code *}. */
	static final String CHANNEL = "usercenter_hobbies";

	private static final String ALL = "*";

	private final AnnouncedCache<String, List<Hobby>> catalog;

	private final Announcements announcements;

	private final ApplicationEventPublisher outbox;

	HobbyService(HobbyRepository hobbies, JdbcClient jdbc, Clock clock, Announcements announcements,
			ApplicationEventPublisher outbox) {
		this.outbox = outbox;
		this.hobbies = hobbies;
		this.jdbc = jdbc;
		this.clock = clock;
		this.announcements = announcements;
		this.catalog = new AnnouncedCache<>(announcements, CHANNEL, (payload) -> ALL, 1, Duration.ofMinutes(10));
	}

	public List<HobbyView> catalog(Locale locale) {
		return all().stream().map((hobby) -> view(hobby, locale)).toList();
	}

	@Transactional(readOnly = true)
	public List<HobbyView> ofUser(long userId, Locale locale) {
		Map<Long, Hobby> byId = all().stream().collect(Collectors.toMap(Hobby::getId, Function.identity()));
		return this.jdbc.sql("select hobby_id from user_hobby where user_id = :user order by hobby_id")
			.param("user", userId)
			.query(Long.class)
			.list()
			.stream()
			.map(byId::get)
			.filter(java.util.Objects::nonNull)
			.map((hobby) -> view(hobby, locale))
			.toList();
	}

	/**
	 * Replaces the user's hobbies ({@code PUT /users/me/hobbies}), recording
	 * {@code user.updated} when they changed.
	 * @throws ApiException 40000 on {@code hobbyIds} for an unknown id or more than 20
	 */
	@Transactional
	public List<HobbyView> replaceUserHobbies(long userId, Collection<Long> hobbyIds, Locale locale) {
		if (replace(userId, hobbyIds)) {
			this.outbox.publishEvent(UserEvent.updated(userId, List.of(FIELD)));
		}
		return ofUser(userId, locale);
	}

	/**
	 * Replaces the user's hobbies in the caller's transaction, which reports the change
	 * (a profile PATCH: one {@code user.updated} with the other fields).
	 * @return whether they changed
	 * @throws ApiException 40000 on {@code hobbyIds} for an unknown id or more than 20
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean replace(long userId, Collection<Long> hobbyIds) {
		Set<Long> ids = new LinkedHashSet<>(hobbyIds);
		Set<Long> known = all().stream().map(Hobby::getId).collect(Collectors.toSet());
		if (ids.size() > MAX_PER_USER || !known.containsAll(ids)) {
			throw ApiException.invalid("hobbyIds", "must be at most 20 ids from GET /api/v1/hobbies");
		}
		Set<Long> before = new HashSet<>(
				this.jdbc.sql("delete from user_hobby where user_id = :user returning hobby_id")
					.param("user", userId)
					.query(Long.class)
					.list());
		for (Long id : ids) {
			this.jdbc.sql("insert into user_hobby (user_id, hobby_id) values (:user, :hobby) on conflict do nothing")
				.param("user", userId)
				.param("hobby", id)
				.update();
		}
		this.announcements.awaitOwnChanges();
		return !before.equals(ids);
	}

	@Transactional
	HobbyView create(String name, String nameEn, Locale locale) {
		Hobby hobby = save(new Hobby(name, nameEn, this.clock.instant()));
		return view(hobby, locale);
	}

	@Transactional
	HobbyView rename(long id, String name, String nameEn, Locale locale) {
		Hobby hobby = this.hobbies.findById(id).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND));
		hobby.rename(name, nameEn);
		return view(save(hobby), locale);
	}

	@Transactional
	void delete(long id) {
		Hobby hobby = this.hobbies.findById(id).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND));
		this.hobbies.delete(hobby);
		this.announcements.awaitOwnChanges();
	}

	private Hobby save(Hobby hobby) {
		try {
			Hobby saved = this.hobbies.saveAndFlush(hobby);
			this.announcements.awaitOwnChanges();
			return saved;
		}
		catch (DataIntegrityViolationException ex) {
			if (UniqueConstraints.violated(ex, "uk_hobby_name")) {
				throw ApiException.invalid("name", "already in the catalog");
			}
			throw ex;
		}
	}

	private List<Hobby> all() {
		List<Hobby> kept = this.catalog.get(ALL);
		if (kept != null) {
			return kept;
		}
		long mark = this.catalog.mark();
		List<Hobby> read = List.copyOf(this.hobbies.findAllByOrderByIdAsc());
		this.catalog.keep(ALL, mark, (earlier) -> read);
		return read;
	}

	private static HobbyView view(Hobby hobby, Locale locale) {
		boolean english = "en".equals(locale.getLanguage()) && hobby.getNameEn() != null;
		return new HobbyView(hobby.getId(), english ? hobby.getNameEn() : hobby.getName());
	}

}
