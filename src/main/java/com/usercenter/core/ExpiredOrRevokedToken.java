package com.usercenter.core;

import org.springframework.security.oauth2.jwt.BadJwtException;

/**
 * A well-formed token whose time is over or whose session was revoked: answered 40101,
 * where any other unusable token is 40100.
 */
public class ExpiredOrRevokedToken extends BadJwtException {

	public ExpiredOrRevokedToken() {
		super("Token expired or revoked");
	}

}
