/**
 * Sessions, signed JWT access tokens, rotating refresh tokens and the public JWKS.
 */
package com.usercenter.token;
