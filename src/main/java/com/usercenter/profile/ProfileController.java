package com.usercenter.profile;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import com.usercenter.core.ApiException;
import com.usercenter.core.CurrentUser;
import com.usercenter.core.Envelope;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.openapi.Answers;
import com.usercenter.core.web.ClientIp;
import com.usercenter.limit.Limit;
import com.usercenter.limit.Limiter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@Tag(name = "profile")
@SecurityRequirement(name = "bearer")
@RestController
@RequestMapping("/api/v1/users")
class ProfileController {

	private final ProfileService profiles;

	private final AvatarService avatars;

	static final Limit READS_PER_USER = Limit.of("profile-read-user", 60, Duration.ofMinutes(1));

	static final Limit READS_PER_IP = Limit.of("profile-read-ip", 120, Duration.ofMinutes(1));

	private final Clock clock;

	private final Limiter limiter;

	ProfileController(ProfileService profiles, AvatarService avatars, Clock clock, Limiter limiter) {
		this.limiter = limiter;
		this.profiles = profiles;
		this.avatars = avatars;
		this.clock = clock;
	}

	@Operation(summary = "The signed-in user's own profile")
	@GetMapping("/me")
	Envelope<Profile> me(CurrentUser user) {
		return Envelope.ok(this.profiles.ownProfile(user.userId()));
	}

	@Operation(summary = "Change profile fields: an absent field stays, a null one is cleared")
	@PatchMapping(path = "/me", consumes = MediaType.APPLICATION_JSON_VALUE)
	Envelope<Profile> update(CurrentUser user, @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
			schema = @Schema(implementation = ProfilePatchSchema.class))) @RequestBody JsonNode body) {
		return Envelope.ok(this.profiles.update(user.userId(), ProfilePatch.parse(body, this.clock)));
	}

	@Operation(summary = "Upload an avatar: PNG, JPEG or WebP, at most 2 MB, checked by content and re-encoded")
	@Answers({ ErrorCode.PAYLOAD_TOO_LARGE, ErrorCode.UNSUPPORTED_MEDIA_TYPE, ErrorCode.TOO_MANY_REQUESTS })
	@PostMapping(path = "/me/avatar", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	Envelope<Map<String, String>> avatar(CurrentUser user, @RequestPart("file") MultipartFile file,
			HttpServletRequest request) throws IOException, ServletException {
		if (request.getParts().stream().filter((part) -> "file".equals(part.getName())).count() > 1) {
			// which of two files is the avatar is anyone's guess: neither
			throw ApiException.invalid("file", "sent more than once");
		}
		if (file.isEmpty()) {
			throw ApiException.invalid("file", "is empty");
		}
		return Envelope.ok(Map.of("avatar", this.avatars.upload(user.userId(), file.getBytes())));
	}

	@Operation(summary = "Another user's public profile: no mobile, email, username or address",
			description = "At most 60 reads a minute per signed-in user and 120 per client address (42900), so "
					+ "profiles cannot be harvested by walking the ids.")
	@Answers({ ErrorCode.USER_NOT_FOUND, ErrorCode.TOO_MANY_REQUESTS })
	@GetMapping("/{userId}")
	Envelope<Profile> publicProfile(CurrentUser user, @PathVariable long userId) {
		this.limiter.take(READS_PER_USER, Long.toString(user.userId()));
		this.limiter.take(READS_PER_IP, ClientIp.currentAddress());
		return Envelope.ok(this.profiles.publicProfile(userId));
	}

}
