package com.usercenter.profile;

import com.usercenter.core.CurrentUser;
import com.usercenter.core.Envelope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "profile")
@SecurityRequirement(name = "bearer")
@RestController
@RequestMapping("/api/v1/users")
class ProfileController {

	private final ProfileService profiles;

	ProfileController(ProfileService profiles) {
		this.profiles = profiles;
	}

	@Operation(summary = "The signed-in user's own profile")
	@GetMapping("/me")
	Envelope<Profile> me(CurrentUser user) {
		return Envelope.ok(this.profiles.ownProfile(user.userId()));
	}

}
