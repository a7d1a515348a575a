/**
 * Who may call what: the API's security filter chain, CORS, bearer tokens and the
 * firewall; depends on {@code core}, {@code core.errors} and {@code core.web}, and no
 * feature uses it.
 */
package com.usercenter.core.security;
