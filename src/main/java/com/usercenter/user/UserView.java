package com.usercenter.user;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * An account as other features see it: a copy taken inside the reading transaction, with
 * whether it has a password but never the password's hash ({@link Passwords} checks it).
 *
 * @param id the account
 * @param status whether it may sign in
 * @param roles {@code USER}, and {@code ADMIN} for operators, in the order granted
 * @param username lower case, or null
 * @param hasPassword whether a password is set
 * @param mobile E.164, or null
 * @param mobileVerified whether its owner proved the mobile with a code
 * @param email lower case, or null
 * @param emailVerified whether its owner proved the email with a code
 * @param details the profile fields kept on the account
 * @param deletion the deletion its owner asked for, or null when none is pending
 * @param createdAt when it was made
 */
public record UserView(long id, UserStatus status, Set<String> roles, String username, boolean hasPassword,
		String mobile, boolean mobileVerified, String email, boolean emailVerified, Details details,
		PendingDeletion deletion, Instant createdAt) {

	public UserView {
		roles = Collections.unmodifiableSet(new LinkedHashSet<>(roles));
	}

	public boolean isActive() {
		return this.status == UserStatus.ACTIVE;
	}

	/**
	 * Whether this account holds the mobile or email as proven by its owner. Only then
	 * may a code sent there sign in to it or reset it.
	 */
	public boolean holdsVerified(Contact contact) {
		return (contact instanceof PhoneNumber) ? contact.value().equals(this.mobile) && this.mobileVerified
				: contact.value().equals(this.email) && this.emailVerified;
	}

	/** The profile fields, as {@link ProfileUpdate} changes them. */
	public record Details(String nickname, String avatar, String background, int sex, LocalDate birthday,
			Integer height, Integer waist, BigDecimal weight, String signature, String address, Long communityId) {
	}

	/**
	 * The owner asked to delete the account at {@code requestedAt}; it is erased at
	 * {@code eraseAt}.
	 *
	 * @param byTenant the partner whose sign-in proved the request, or null when the
	 * owner's own proof did
	 */
	public record PendingDeletion(Instant requestedAt, Instant eraseAt, Long byTenant) {
	}

}
