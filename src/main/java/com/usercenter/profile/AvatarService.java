package com.usercenter.profile;

import com.usercenter.core.ApiException;
import com.usercenter.core.Digests;
import com.usercenter.core.ErrorCode;
import com.usercenter.user.UserService;

import org.springframework.stereotype.Service;

/**
 * Stores an uploaded avatar under the hash of its clean PNG and points the profile at it.
 */
@Service
class AvatarService {

	static final String FILES_PATH = "/api/v1/avatars/files/";

	private final AvatarStorage storage;

	private final UserService users;

	private final AvatarSettings settings;

	AvatarService(AvatarStorage storage, UserService users, AvatarSettings settings) {
		this.storage = storage;
		this.users = users;
		this.settings = settings;
	}

	String upload(long userId, byte[] upload) {
		if (upload.length == 0) {
			throw new ApiException(ErrorCode.INVALID_REQUEST);
		}
		if (upload.length > this.settings.maxUploadSize().toBytes()) {
			throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE);
		}
		byte[] png = AvatarImages.normalize(upload, this.settings.maxSide());
		String name = Digests.sha256Hex(png).substring(0, 40) + ".png";
		this.storage.store(name, png);
		String url = this.settings.publicBaseUrl() + FILES_PATH + name;
		this.users.changeAvatar(userId, url);
		return url;
	}

}
