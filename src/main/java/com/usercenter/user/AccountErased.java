package com.usercenter.user;

/**
 * An account was erased. Published inside the erasing transaction: every feature that
 * keeps something about the person deletes it in the same transaction, so erasure happens
 * whole or not at all.
 *
 * @param userId the erased account, which keeps only its id
 * @param avatar the avatar it showed, so its stored image can go too
 * @param background the background it showed
 * @param mobile the mobile number it held (E.164), or null: codes, tickets and counts
 * kept for it go too
 * @param email the email it held, or null
 */
public record AccountErased(long userId, String avatar, String background, String mobile, String email) {

}
