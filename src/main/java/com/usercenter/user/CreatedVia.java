package com.usercenter.user;

/**
 * How an account came to be, as {@code user.created} tells subscribers (contract 9.1,
 * {@code "via"}).
 */
public enum CreatedVia {

	/** Sign-up with a code and a password. */
	REGISTER("register"),

	/** A code sign-in for a contact no account held as proven. */
	CODE("code"),

	/** A first WeChat, Weibo, QQ, Apple or mini-program sign-in. */
	SOCIAL("social"),

	/** A carrier one-tap sign-in for a number no account held as proven. */
	ONE_TAP("one_tap"),

	/** A partner's first login of one of its users. */
	TENANT("tenant"),

	/** An administrator, one by one or in a batch, and the bootstrap administrator. */
	ADMIN("admin"),

	/** A line of a user import. */
	IMPORT("import");

	private final String wireName;

	CreatedVia(String wireName) {
		this.wireName = wireName;
	}

	/** The name subscribers see ({@code one_tap}). */
	public String wireName() {
		return this.wireName;
	}

}
