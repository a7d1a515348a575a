package com.usercenter.hobby;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.usercenter.changes.Announcements;
import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.errors.UniqueConstraints;
import com.usercenter.user.UserChanged;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The hobby catalog, cached in memory for a minute (a change drops the cache at once on
 * every instance that hears of it: V12 announces it), and users' choices from it.
 */
@Service
public class HobbyService {

	static final int MAX_PER_USER = 20;

	private final HobbyRepository hobbies;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Cache<String, List<Hobby>> catalog = Caffeine.newBuilder()
		.expireAfterWrite(Duration.ofMinutes(1))
		.build();

	private final ApplicationEventPublisher events;

	HobbyService(HobbyRepository hobbies, JdbcClient jdbc, Clock clock, ApplicationEventPublisher events,
			Announcements announcements) {
		this.hobbies = hobbies;
		this.jdbc = jdbc;
		this.clock = clock;
		this.events = events;
		announcements.subscribe(UserChanged.CHANNEL, (payload) -> {
			if (Announcements.EVERYTHING.equals(payload)) {
				this.catalog.invalidateAll();
			}
		}, () -> {
		});
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
	 * Replaces the user's hobbies.
	 * @throws ApiException 40000 on {@code hobbyIds} for an unknown id or more than 20
	 */
	@Transactional
	public List<HobbyView> replaceUserHobbies(long userId, Collection<Long> hobbyIds, Locale locale) {
		Set<Long> ids = new LinkedHashSet<>(hobbyIds);
		Set<Long> known = all().stream().map(Hobby::getId).collect(Collectors.toSet());
		if (ids.size() > MAX_PER_USER || !known.containsAll(ids)) {
			throw ApiException.invalid("hobbyIds", "must be at most 20 ids from GET /api/v1/hobbies");
		}
		this.jdbc.sql("delete from user_hobby where user_id = :user").param("user", userId).update();
		for (Long id : ids) {
			this.jdbc.sql("insert into user_hobby (user_id, hobby_id) values (:user, :hobby) on conflict do nothing")
				.param("user", userId)
				.param("hobby", id)
				.update();
		}
		this.events.publishEvent(new UserChanged(userId));
		return ofUser(userId, locale);
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
		this.catalog.invalidateAll();
		this.events.publishEvent(UserChanged.everyone());
	}

	private Hobby save(Hobby hobby) {
		try {
			Hobby saved = this.hobbies.saveAndFlush(hobby);
			this.catalog.invalidateAll();
			this.events.publishEvent(UserChanged.everyone());
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
		return this.catalog.get("all", (key) -> this.hobbies.findAllByOrderByIdAsc());
	}

	private static HobbyView view(Hobby hobby, Locale locale) {
		boolean english = "en".equals(locale.getLanguage()) && hobby.getNameEn() != null;
		return new HobbyView(hobby.getId(), english ? hobby.getNameEn() : hobby.getName());
	}

}
