package com.usercenter.user;

/**
 * What a profile shows changed, on this instance, inside the changing transaction: a
 * user's row or hobbies ({@link #userId} set), or a catalog entry any profile may name
 * ({@link #everyone()}). Other instances hear of the same change from the database (V12's
 * triggers); this event lets the changing instance see it at once.
 *
 * @param userId the changed user, or {@code null} for everyone
 */
public record UserChanged(Long userId) {

	/**
	 * The PostgreSQL channel where V12 announces changed users' ids, and {@code *} for a
	 * change any profile may show.
	 */
	public static final String CHANNEL = "usercenter_profiles";

	public static UserChanged everyone() {
		return new UserChanged(null);
	}

}
