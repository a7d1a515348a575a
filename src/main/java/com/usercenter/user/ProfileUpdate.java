package com.usercenter.user;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A partial update of the profile fields kept on the user row; every field may be left,
 * set or cleared. Values are validated before they get here.
 */
public record ProfileUpdate(Change<String> nickname, Change<String> avatar, Change<String> background,
		Change<Integer> sex, Change<LocalDate> birthday, Change<Integer> height, Change<Integer> waist,
		Change<BigDecimal> weight, Change<String> signature, Change<String> address, Change<Long> communityId) {

}
