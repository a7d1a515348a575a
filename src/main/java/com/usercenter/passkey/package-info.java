/**
 * Passkeys (WebAuthn Level 2): registration and sign-in ceremonies checked by webauthn4j,
 * the list and removal of a user's passkeys, and the challenges that let any instance
 * finish a ceremony another started. Depends on {@code account} (a passkey sign-in ends
 * in its {@code signIn} and is admitted by its {@code SignInGate}), {@code user},
 * {@code audit}, {@code limit}, {@code secrets}, {@code changes} and {@code core}; other
 * modules use only {@link com.usercenter.passkey.Passkeys} and
 * {@link com.usercenter.passkey.PasskeyView}, so {@code account} must never depend on
 * this module (that would be a cycle).
 */
package com.usercenter.passkey;
