package com.usercenter.core;

import java.util.List;

import org.springframework.security.core.authority.FactorGrantedAuthority;

/**
 * The Spring Security factor authorities ({@link FactorGrantedAuthority}) a session's
 * access token grants for the second factors it was signed in with, as {@code token}
 * reads them from its {@code amr} and the admin rule requires them.
 */
public final class SecondFactorAuthorities {

	/** A TOTP or recovery code (amr {@code otp}). */
	public static final String TOTP = "FACTOR_TOTP";

	/** A passkey with user verification (amr {@code hwk}). */
	public static final String PASSKEY = FactorGrantedAuthority.WEBAUTHN_AUTHORITY;

	/** Either is a second factor. */
	public static final List<String> ANY = List.of(TOTP, PASSKEY);

	private SecondFactorAuthorities() {
	}

}
