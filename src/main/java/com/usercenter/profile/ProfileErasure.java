package com.usercenter.profile;

import com.usercenter.user.AccountErased;
import com.usercenter.user.ProfileFields;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * An erased account's devices go with it, in the erasing transaction; its uploaded images
 * once that transaction has committed, unless another profile shows them.
 */
@Component
class ProfileErasure {

	private final JdbcClient jdbc;

	private final AvatarStorage storage;

	private final AvatarSettings settings;

	private final ProfileFields fields;

	ProfileErasure(JdbcClient jdbc, AvatarStorage storage, AvatarSettings settings, ProfileFields fields) {
		this.jdbc = jdbc;
		this.storage = storage;
		this.settings = settings;
		this.fields = fields;
	}

	@EventListener
	void on(AccountErased erased) {
		this.jdbc.sql("delete from device where user_id = :id").param("id", erased.userId()).update();
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
	void afterErasure(AccountErased erased) {
		deleteIfStoredHereAndUnused(erased.avatar());
		deleteIfStoredHereAndUnused(erased.background());
	}

	private void deleteIfStoredHereAndUnused(String url) {
		String prefix = this.settings.publicBaseUrl() + AvatarService.FILES_PATH;
		if (url != null && url.startsWith(prefix) && !this.fields.imageInUse(url)) {
			this.storage.delete(url.substring(prefix.length()));
		}
	}

}
