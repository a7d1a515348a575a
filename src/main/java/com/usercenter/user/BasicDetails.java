package com.usercenter.user;

import java.time.LocalDate;

/**
 * The profile fields a partner tenant may set; a null field means "leave as it is".
 */
public record BasicDetails(String nickname, String avatar, Integer sex, LocalDate birthday, Integer height,
		Integer waist) {

	public static BasicDetails none() {
		return new BasicDetails(null, null, null, null, null, null);
	}

}
