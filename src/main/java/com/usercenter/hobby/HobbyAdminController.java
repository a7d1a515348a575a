package com.usercenter.hobby;

import java.util.Locale;

import com.usercenter.core.Envelope;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.openapi.Answers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "admin-catalog", description = "Hobbies, default avatars, communities and app versions")
@SecurityRequirement(name = "bearer")
@RestController
@RequestMapping("/api/v1/admin/hobbies")
class HobbyAdminController {

	private final HobbyService hobbies;

	HobbyAdminController(HobbyService hobbies) {
		this.hobbies = hobbies;
	}

	@Operation(operationId = "createHobby", summary = "Add a hobby to the catalog")
	@PostMapping
	Envelope<HobbyView> create(@Valid @RequestBody HobbyRequest request, Locale locale) {
		return Envelope.ok(this.hobbies.create(request.name().trim(), trimmed(request.nameEn()), locale));
	}

	@Operation(summary = "Rename a hobby")
	@Answers({ ErrorCode.NOT_FOUND })
	@PatchMapping("/{id}")
	Envelope<HobbyView> rename(@PathVariable long id, @Valid @RequestBody HobbyRequest request, Locale locale) {
		return Envelope.ok(this.hobbies.rename(id, request.name().trim(), trimmed(request.nameEn()), locale));
	}

	@Operation(summary = "Remove a hobby (also from every user who picked it)")
	@Answers({ ErrorCode.NOT_FOUND })
	@DeleteMapping("/{id}")
	Envelope<Void> delete(@PathVariable long id) {
		this.hobbies.delete(id);
		return Envelope.ok();
	}

	private static String trimmed(String value) {
		return (value != null) ? value.trim() : null;
	}

	record HobbyRequest(@Schema(example = "攀岩") @NotBlank @Size(max = 32) String name,
			@Schema(example = "Climbing") @Size(max = 64) String nameEn) {
	}

}
