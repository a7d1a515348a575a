/**
 * Second factors: TOTP (RFC 6238) with recovery codes, the second step of a sign-in
 * ({@code mfaToken}), and the step-up a sensitive change asks of an account that has a
 * second factor. Depends on {@code account} (proof of the holder, the sign-in it
 * finishes), {@code passkey} (the passkeys it lists), {@code user}, {@code secrets},
 * {@code limit} and {@code core}; {@code account} reaches it only through the
 * {@link com.usercenter.account.SecondFactorGate} it implements.
 */
package com.usercenter.mfa;
