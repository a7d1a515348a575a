package com.usercenter.passkey;

import java.util.UUID;

/**
 * A passkey as stored: its public key and what the checks of the next sign-in compare
 * with. Nothing in it is secret.
 *
 * @param id the passkey's id in the API
 * @param userId the account it signs in to
 * @param credentialData the attested credential data: AAGUID, credential id, COSE key
 * @param signCount the highest signature counter seen
 * @param uvInitialized whether it has verified its user
 * @param backupEligible whether it can be synced (a sign-in must say the same)
 * @param backupState whether it was synced when last seen
 */
record StoredPasskey(UUID id, long userId, byte[] credentialData, long signCount, boolean uvInitialized,
		boolean backupEligible, boolean backupState) {

}
