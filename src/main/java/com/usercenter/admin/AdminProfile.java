package com.usercenter.admin;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import com.usercenter.binding.SignInMethod;
import com.usercenter.profile.Profile;
import io.swagger.v3.oas.annotations.media.Schema;

/** A user's profile as ops see it, with status, roles and the ways the user signs in. */
record AdminProfile(long userId, String nickname, String avatar, String background, int sex, Long birthday, Integer age,
		Integer height, Integer waist, BigDecimal weight, String signature, String address, Profile.Community community,
		List<Profile.Hobby> hobbies, @Schema(example = "138****8000") String mobile, String email, String username,
		Boolean hasPassword, long registeredAt, Boolean mobileVerified, Boolean emailVerified,
		@Schema(example = "active") String status, Set<String> roles, List<SignInMethod> identities) {

	static AdminProfile of(Profile p, boolean reveal, String status, Set<String> roles, List<SignInMethod> identities) {
		return new AdminProfile(p.userId(), p.nickname(), p.avatar(), p.background(), p.sex(), p.birthday(), p.age(),
				p.height(), p.waist(), p.weight(), p.signature(), Masking.text(p.address(), reveal), p.community(),
				p.hobbies(), Masking.mobile(p.mobile(), reveal), Masking.email(p.email(), reveal), p.username(),
				p.hasPassword(), p.registeredAt(), p.mobileVerified(), p.emailVerified(), status, roles, identities);
	}

}
