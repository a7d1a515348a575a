package com.usercenter.hobby;

import java.util.List;
import java.util.Locale;

import com.usercenter.core.CurrentUser;
import com.usercenter.core.Envelope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "profile")
@RestController
class HobbyController {

	private final HobbyService hobbies;

	HobbyController(HobbyService hobbies) {
		this.hobbies = hobbies;
	}

	@Operation(summary = "The hobby catalog, named in the caller's language")
	@GetMapping("/api/v1/hobbies")
	Envelope<List<HobbyView>> catalog(Locale locale) {
		return Envelope.ok(this.hobbies.catalog(locale));
	}

	@Operation(summary = "Replace the signed-in user's hobbies", security = @SecurityRequirement(name = "bearer"))
	@PutMapping("/api/v1/users/me/hobbies")
	Envelope<List<HobbyView>> replace(CurrentUser user, @Valid @RequestBody ReplaceHobbiesRequest request,
			Locale locale) {
		return Envelope.ok(this.hobbies.replaceUserHobbies(user.userId(), request.hobbyIds(), locale));
	}

	record ReplaceHobbiesRequest(@ArraySchema(schema = @Schema(example = "2"),
			maxItems = 20) @NotNull @Size(max = 20) List<@NotNull @Positive Long> hobbyIds) {
	}

}
