/**
 * The user aggregate: one person's account row, its contacts and profile fields, and the
 * rules that keep mobile, email and username unique. Other features see accounts as
 * {@link com.usercenter.user.UserView}s (never the entity, never the password hash) and
 * change them through services cut by what they need: {@code Users} (finding),
 * {@code UserContacts}, {@code UserLifecycle}, {@code ProfileFields}, {@code Passwords},
 * {@code UserAdmin} and {@code IdentityService}. The entities and repositories are
 * package-private.
 */
package com.usercenter.user;
