package com.usercenter.account;

import com.usercenter.profile.Profile;
import com.usercenter.token.IssuedTokens;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What every app sign-in answers.
 */
@Schema(description = "Tokens of the new session and the user's profile")
public record LoginResult(@Schema(example = "1000001") long userId, String accessToken, String refreshToken,
		@Schema(example = "7200") long expiresIn,
		@Schema(description = "true when this call created the account") boolean needInfo, Profile user) {

	public static LoginResult of(IssuedTokens tokens, boolean created, Profile profile) {
		return new LoginResult(tokens.userId(), tokens.accessToken(), tokens.refreshToken(), tokens.expiresIn(),
				created, profile);
	}

}
