package com.usercenter.binding;

import java.nio.charset.StandardCharsets;

import com.usercenter.core.ApiException;
import com.usercenter.secrets.SecretBox;
import com.usercenter.user.IdentityService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Revokes the Apple sign-ins of an account at Apple before the account is erased (App
 * Store rule 5.1.1(v)). Apple is asked with no transaction open; a revoked token is
 * forgotten at once, so a retry asks only for what is left.
 */
@Service
public class AppleTokens {

	private static final Logger log = LoggerFactory.getLogger(AppleTokens.class);

	private final IdentityService identities;

	private final AppleClient apple;

	private final SecretBox box;

	AppleTokens(IdentityService identities, AppleClient apple, SecretBox box) {
		this.identities = identities;
		this.apple = apple;
		this.box = box;
	}

	/**
	 * Revokes every Apple refresh token the account holds.
	 * @return whether none is left to revoke
	 */
	public boolean revokeAll(long userId) {
		byte[] sealed = this.identities.keptRefresh(userId, AppleClient.PROVIDER).orElse(null);
		if (sealed == null) {
			return true;
		}
		if (!this.apple.canRevoke()) {
			log.warn("An Apple sign-in cannot be revoked: usercenter.social.apple key settings are missing");
			return false;
		}
		try {
			String kept = new String(this.box.open(SocialService.REFRESH_PURPOSE, sealed), StandardCharsets.UTF_8);
			this.apple.revoke(kept);
			this.identities.forgetRefresh(userId, AppleClient.PROVIDER, sealed);
			return true;
		}
		catch (ApiException ex) {
			log.warn("Apple did not revoke a sign-in: {}", ex.errorCode());
			return false;
		}
	}

}
