package com.usercenter.user;

import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Publishes {@link UserChanged} whenever Hibernate writes a change to a user's row,
 * whatever code path made it.
 */
@Component
class UserChanges {

	private final ApplicationEventPublisher events;

	UserChanges(ApplicationEventPublisher events) {
		this.events = events;
	}

	@PostUpdate
	@PostRemove
	void written(User user) {
		this.events.publishEvent(new UserChanged(user.getId()));
	}

}
