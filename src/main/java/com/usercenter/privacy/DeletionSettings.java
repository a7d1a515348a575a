package com.usercenter.privacy;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Account deletion ({@code usercenter.deletion.*}).
 *
 * @param coolingOff how long after the request the account is erased; signing in and
 * cancelling within it keeps the account
 * @param sweepInterval how often every instance looks for accounts due for erasure
 * @param revokeGrace how long erasure may wait for Apple to revoke the account's Apple
 * sign-ins (retried at every sweep); past it the account is erased anyway and the failure
 * audited
 * @param claim how long one instance holds a due account while it revokes its Apple
 * sign-ins; another instance takes it over after that (a crash). Renewed before each
 * account of a batch, so it needs to outlast one account's work only (see
 * {@link ErasureJob})
 * @param freshSignIn how recent the sign-in of a session must be for it alone to prove a
 * deletion of an account with neither a password nor a contact
 */
@ConfigurationProperties("usercenter.deletion")
record DeletionSettings(@DefaultValue("15d") Duration coolingOff, @DefaultValue("1h") Duration sweepInterval,
		@DefaultValue("1d") Duration revokeGrace, @DefaultValue("5m") Duration claim,
		@DefaultValue("10m") Duration freshSignIn) {

}
