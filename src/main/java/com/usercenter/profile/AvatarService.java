package com.usercenter.profile;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.MemoryBudget;
import com.usercenter.core.TooManyRequests;
import com.usercenter.limit.Limit;
import com.usercenter.limit.Limiter;
import com.usercenter.secrets.Digests;
import com.usercenter.user.ProfileFields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Stores an uploaded avatar under the hash of its clean PNG and points the profile at it.
 */
@Service
class AvatarService {

	private static final Logger log = LoggerFactory.getLogger(AvatarService.class);

	static final String FILES_PATH = "/api/v1/avatars/files/";

	private final AvatarStorage storage;

	private final ProfileFields fields;

	private final AvatarSettings settings;

	/** Each upload is a stored file: at most this many per user per hour. */
	static final Limit UPLOADS = Limit.of("avatar-upload", 20, Duration.ofHours(1));

	/**
	 * Decoding is CPU- and memory-heavy: at most one at a time per two cores, so uploads,
	 * however many arrive together, leave the other cores to everything else, and never
	 * more than the memory budget holds ({@link AvatarImages#MEMORY_PER_DECODE} each).
	 */
	private final Semaphore decoders;

	private final Limiter limiter;

	AvatarService(AvatarStorage storage, ProfileFields fields, AvatarSettings settings, Limiter limiter,
			MemoryBudget budget) {
		int decodes = budget.imageDecodes(AvatarImages.MEMORY_PER_DECODE);
		log.info("Avatar decodes: {} at once ({})", decodes, budget);
		this.decoders = new Semaphore(decodes, true);
		this.limiter = limiter;
		this.storage = storage;
		this.fields = fields;
		this.settings = settings;
	}

	String upload(long userId, byte[] upload) {
		if (upload.length == 0) {
			throw ApiException.invalid("file", "is empty");
		}
		if (upload.length > this.settings.maxUploadSize().toBytes()) {
			throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE);
		}
		this.limiter.take(UPLOADS, Long.toString(userId));
		byte[] png = decodeInTurn(upload);
		String name = Digests.sha256Hex(png).substring(0, 40) + ".png";
		this.storage.store(name, png);
		String url = this.settings.publicBaseUrl() + FILES_PATH + name;
		String before = this.fields.changeAvatar(userId, url);
		// the uploads of one user do not pile up: the image it replaced goes unless
		// another profile shows it too
		if (before != null && !before.equals(url) && before.startsWith(this.settings.publicBaseUrl() + FILES_PATH)
				&& !this.fields.imageInUse(before)) {
			this.storage.delete(before.substring(before.lastIndexOf('/') + 1));
		}
		return url;
	}

	private byte[] decodeInTurn(byte[] upload) {
		try {
			if (!this.decoders.tryAcquire(10, TimeUnit.SECONDS)) {
				throw new TooManyRequests(1);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TooManyRequests(1);
		}
		try {
			return AvatarImages.normalize(upload, this.settings.maxSide());
		}
		finally {
			this.decoders.release();
		}
	}

}
