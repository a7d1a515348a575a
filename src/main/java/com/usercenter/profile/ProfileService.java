package com.usercenter.profile;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;

import com.usercenter.core.Dates;
import com.usercenter.user.User;
import com.usercenter.user.UserService;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Assembles profiles. {@code age} is whole years since the birthday, in the service's
 * zone.
 */
@Service
public class ProfileService {

	private final UserService users;

	private final Clock clock;

	ProfileService(UserService users, Clock clock) {
		this.users = users;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public Profile ownProfile(long userId) {
		return ownProfile(this.users.get(userId));
	}

	public Profile ownProfile(User user) {
		return new Profile(user.getId(), user.getNickname(), user.getAvatar(), user.getBackground(), user.getSex(),
				Dates.toEpochMillis(user.getBirthday(), this.clock), age(user.getBirthday()), user.getHeight(),
				user.getWaist(), user.getWeight(), user.getSignature(), user.getAddress(), null, List.of(),
				user.getMobile(), user.getEmail(), user.getUsername(), user.hasPassword(),
				user.getCreatedAt().toEpochMilli());
	}

	private Integer age(LocalDate birthday) {
		return (birthday != null) ? Period.between(birthday, LocalDate.now(this.clock)).getYears() : null;
	}

}
