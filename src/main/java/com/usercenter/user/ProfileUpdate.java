package com.usercenter.user;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The one partial update of the profile fields kept on the user row, for the app's PATCH,
 * a partner's updateUserDetail and the fields a new account starts with: every field may
 * be left, set or cleared. Values are validated before they get here.
 */
public record ProfileUpdate(Change<String> nickname, Change<String> avatar, Change<String> background,
		Change<Integer> sex, Change<LocalDate> birthday, Change<Integer> height, Change<Integer> waist,
		Change<BigDecimal> weight, Change<String> signature, Change<String> address, Change<Long> communityId) {

	/** Leaves every field as it is. */
	public static ProfileUpdate none() {
		return new ProfileUpdate(Change.keep(), Change.keep(), Change.keep(), Change.keep(), Change.keep(),
				Change.keep(), Change.keep(), Change.keep(), Change.keep(), Change.keep(), Change.keep());
	}

	/**
	 * The fields a partner (or a provider's profile) may give, where a null one is left
	 * as it is: such callers cannot tell "absent" from "cleared".
	 */
	public static ProfileUpdate unlessNull(String nickname, String avatar, Integer sex, LocalDate birthday,
			Integer height, Integer waist) {
		return new ProfileUpdate(Change.unlessNull(nickname), Change.unlessNull(avatar), Change.keep(),
				Change.unlessNull(sex), Change.unlessNull(birthday), Change.unlessNull(height),
				Change.unlessNull(waist), Change.keep(), Change.keep(), Change.keep(), Change.keep());
	}

	public ProfileUpdate withAvatar(String url) {
		return new ProfileUpdate(this.nickname, Change.to(url), this.background, this.sex, this.birthday, this.height,
				this.waist, this.weight, this.signature, this.address, this.communityId);
	}

	/**
	 * Whether the change sets something other than what is stored.
	 */
	static <T> boolean differs(Change<T> change, T stored) {
		return change.present() && !Objects.equals(change.value(), stored);
	}

}
