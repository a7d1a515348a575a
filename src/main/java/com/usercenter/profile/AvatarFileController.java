package com.usercenter.profile;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;

/**
 * Serves avatar images (not enveloped: they are images). Uploaded ones are named by their
 * content hash and cached for a year; the default ones for a day.
 */
@Tag(name = "profile")
@RestController
class AvatarFileController {

	private final AvatarStorage storage;

	AvatarFileController(AvatarStorage storage) {
		this.storage = storage;
	}

	@Operation(summary = "An avatar image (PNG)")
	@GetMapping(AvatarService.FILES_PATH + "{name:[a-z0-9-]{1,64}\\.png}")
	ResponseEntity<byte[]> file(@PathVariable String name) throws IOException {
		if (name.startsWith("default-")) {
			ClassPathResource resource = new ClassPathResource("avatars/" + name);
			if (!resource.exists()) {
				throw new ApiException(ErrorCode.NOT_FOUND);
			}
			return image(resource.getContentAsByteArray(), Duration.ofDays(1));
		}
		Optional<byte[]> stored = this.storage.read(name);
		return image(stored.orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND)), Duration.ofDays(365));
	}

	private static ResponseEntity<byte[]> image(byte[] png, Duration maxAge) {
		return ResponseEntity.ok()
			.contentType(MediaType.IMAGE_PNG)
			.cacheControl(CacheControl.maxAge(maxAge).cachePublic().immutable())
			.body(png);
	}

}
