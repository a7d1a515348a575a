package com.usercenter.profile;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Avatar uploads.
 *
 * @param directory where the local storage keeps uploaded avatars (default
 * {@code ~/.usercenter/avatars}); share it between instances, or plug in another
 * {@link AvatarStorage}
 * @param publicBaseUrl prefix of avatar URLs, e.g. a CDN in front of this service; empty
 * for paths on it
 * @param maxUploadSize largest upload accepted
 * @param maxSide longest side of the stored image; larger uploads are scaled down
 */
@ConfigurationProperties("usercenter.avatar")
record AvatarSettings(Path directory, @DefaultValue("") String publicBaseUrl,
		@DefaultValue("2MB") DataSize maxUploadSize, @DefaultValue("512") int maxSide) {

	AvatarSettings {
		if (directory == null) {
			directory = Path.of(System.getProperty("user.home"), ".usercenter", "avatars");
		}
	}

}
