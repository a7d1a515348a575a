package com.usercenter.profile;

import java.util.Optional;

/**
 * Where uploaded avatars live. Names are content hashes, so a stored file never changes.
 */
interface AvatarStorage {

	void store(String name, byte[] png);

	Optional<byte[]> read(String name);

	/** Deletes a file no profile points at any more; nothing happens when it is gone. */
	void delete(String name);

}
