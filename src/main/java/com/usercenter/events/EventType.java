package com.usercenter.events;

/**
 * The events of contract 9.1, by the names subscribers see.
 */
public enum EventType {

	/**
	 * {@code {"userId", "via"}}: register, code, social, one_tap, tenant, admin, import,
	 * oidc.
	 */
	USER_CREATED("user.created"),

	/** {@code {"userId", "fields"}}: the names of the profile fields that changed. */
	USER_UPDATED("user.updated"),

	/** {@code {"userId", "contact"}}: mobile or email. */
	USER_CONTACT_CHANGED("user.contact_changed"),

	/** {@code {"userId"}}. */
	USER_DISABLED("user.disabled"),

	/** {@code {"userId"}}. */
	USER_ENABLED("user.enabled"),

	/** {@code {"userId", "eraseAt"}}. */
	USER_DELETION_REQUESTED("user.deletion_requested"),

	/** {@code {"userId"}}. */
	USER_DELETION_CANCELLED("user.deletion_cancelled"),

	/** {@code {"userId"}}. */
	USER_ERASED("user.erased"),

	/** {@code {"userId", "provider"}}. */
	IDENTITY_BOUND("identity.bound"),

	/** {@code {"userId", "provider"}}. */
	IDENTITY_UNBOUND("identity.unbound");

	private final String wireName;

	EventType(String wireName) {
		this.wireName = wireName;
	}

	/** The name subscribers see ({@code user.created}). */
	public String wireName() {
		return this.wireName;
	}

	/** The type with this name, or null. */
	public static EventType of(String wireName) {
		for (EventType type : values()) {
			if (type.wireName.equals(wireName)) {
				return type;
			}
		}
		return null;
	}

}
