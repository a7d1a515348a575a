package com.usercenter.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Keeps avatars as files in {@code usercenter.avatar.directory}, written atomically
 * (temporary file, then rename), so a reader never sees half a file. A volume that is
 * full or read-only answers 50300 and leaves nothing behind.
 */
@Component
class LocalAvatarStorage implements AvatarStorage {

	private static final Logger log = LoggerFactory.getLogger(LocalAvatarStorage.class);

	private final Path directory;

	LocalAvatarStorage(AvatarSettings settings) {
		this.directory = settings.directory();
	}

	@Override
	public void store(String name, byte[] png) {
		Path temporary = null;
		try {
			Files.createDirectories(this.directory);
			Path target = this.directory.resolve(name);
			if (Files.exists(target)) {
				return;
			}
			temporary = Files.createTempFile(this.directory, "upload-", ".tmp");
			Files.write(temporary, png);
			Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			// a full or read-only volume: no half-written file stays, and the caller
			// keeps
			// the avatar it had
			deleteQuietly(temporary);
			log.warn("Cannot store an avatar in {}: {}", this.directory, ex.getClass().getSimpleName());
			throw new ApiException(ErrorCode.UNAVAILABLE);
		}
	}

	private static void deleteQuietly(Path file) {
		if (file == null) {
			return;
		}
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			// nothing more to do on a volume that refuses even this
		}
	}

	@Override
	public void delete(String name) {
		Path file = this.directory.resolve(name);
		if (!file.normalize().startsWith(this.directory.normalize())) {
			return;
		}
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			// a file left behind costs disk, not correctness
		}
	}

	@Override
	public Optional<byte[]> read(String name) {
		Path file = this.directory.resolve(name);
		if (!file.normalize().startsWith(this.directory.normalize()) || !Files.isRegularFile(file)) {
			return Optional.empty();
		}
		try {
			return Optional.of(Files.readAllBytes(file));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

}
