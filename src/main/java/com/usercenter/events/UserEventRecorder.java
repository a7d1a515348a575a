package com.usercenter.events;

import com.usercenter.user.UserEvent;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records what the user module publishes ({@link UserEvent}) in the outbox, in the
 * publishing transaction: the listener runs in the changing thread before the publisher
 * goes on, so {@code user.erased}, published before {@code AccountErased}, is recorded
 * while the tenant mappings that erasure deletes are still there.
 */
@Component
class UserEventRecorder {

	private final Events events;

	UserEventRecorder(Events events) {
		this.events = events;
	}

	@EventListener
	void on(UserEvent event) {
		EventType type = EventType.of(event.type());
		if (type == null) {
			throw new IllegalArgumentException("not an event of contract 9.1: " + event.type());
		}
		this.events.record(type, event.userId(), event.data());
	}

}
