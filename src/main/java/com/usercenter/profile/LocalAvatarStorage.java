package com.usercenter.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Keeps avatars as files in {@code usercenter.avatar.directory}, written atomically
 * (temporary file, then rename), so a reader never sees half a file.
 */
@Component
class LocalAvatarStorage implements AvatarStorage {

	private final Path directory;

	LocalAvatarStorage(AvatarSettings settings) {
		this.directory = settings.directory();
	}

	@Override
	public void store(String name, byte[] png) {
		try {
			Files.createDirectories(this.directory);
			Path target = this.directory.resolve(name);
			if (Files.exists(target)) {
				return;
			}
			Path temporary = Files.createTempFile(this.directory, "upload-", ".tmp");
			Files.write(temporary, png);
			Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot store an avatar", ex);
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
