package com.usercenter.user;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What contract 9.1 tells subscribers about a change of a user, published inside the
 * changing transaction: the events module records it there, in its outbox, so a change
 * rolled back tells nothing. Published as an application event rather than recorded here,
 * so the user module does not depend on the events module (which uses modules that use
 * this one). Its data holds ids and names only, never a contact value.
 *
 * @param type the event's name ({@code user.created}, ...)
 * @param userId the user it is about
 * @param data the fields after {@code userId}
 */
public record UserEvent(String type, long userId, Map<String, Object> data) {

	static UserEvent created(long userId, CreatedVia via) {
		return new UserEvent("user.created", userId, Map.of("via", via.wireName()));
	}

	/** The profile fields that changed, named as the API names them. */
	public static UserEvent updated(long userId, List<String> fields) {
		return new UserEvent("user.updated", userId, Map.of("fields", List.copyOf(fields)));
	}

	/** The mobile or the email ({@code contact}) changed. */
	static UserEvent contactChanged(long userId, String contact) {
		return new UserEvent("user.contact_changed", userId, Map.of("contact", contact));
	}

	static UserEvent statusChanged(long userId, UserStatus status) {
		return new UserEvent((status == UserStatus.DISABLED) ? "user.disabled" : "user.enabled", userId, Map.of());
	}

	/** {@code eraseAt} in epoch ms, as the deletion's answer and the profile give it. */
	static UserEvent deletionRequested(long userId, Instant eraseAt) {
		return new UserEvent("user.deletion_requested", userId, Map.of("eraseAt", eraseAt.toEpochMilli()));
	}

	static UserEvent deletionCancelled(long userId) {
		return new UserEvent("user.deletion_cancelled", userId, Map.of());
	}

	static UserEvent erased(long userId) {
		return new UserEvent("user.erased", userId, Map.of());
	}

	static UserEvent identityBound(long userId, String provider) {
		return new UserEvent("identity.bound", userId, Map.of("provider", provider));
	}

	static UserEvent identityUnbound(long userId, String provider) {
		return new UserEvent("identity.unbound", userId, Map.of("provider", provider));
	}

}
