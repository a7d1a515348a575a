package com.usercenter.catalog;

import com.usercenter.core.Envelope;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.openapi.Answers;
import com.usercenter.core.validation.ImageUrl;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "admin-catalog", description = "Hobbies, default avatars, communities and app versions")
@SecurityRequirement(name = "bearer")
@RestController
@RequestMapping("/api/v1/admin")
class CatalogAdminController {

	private final CatalogService catalog;

	CatalogAdminController(CatalogService catalog) {
		this.catalog = catalog;
	}

	@Operation(summary = "Add a default avatar")
	@PostMapping("/avatars/defaults")
	Envelope<DefaultAvatarView> addAvatar(@Valid @RequestBody AvatarRequest request) {
		return Envelope.ok(this.catalog.addDefaultAvatar(request.url()));
	}

	@Operation(summary = "Remove a default avatar")
	@Answers({ ErrorCode.NOT_FOUND })
	@DeleteMapping("/avatars/defaults/{id}")
	Envelope<Void> removeAvatar(@PathVariable long id) {
		this.catalog.removeDefaultAvatar(id);
		return Envelope.ok();
	}

	@Operation(summary = "Add a community")
	@PostMapping("/communities")
	Envelope<CommunityView> addCommunity(@Valid @RequestBody CommunityRequest request) {
		return Envelope.ok(this.catalog.createCommunity(request.name().trim(), request.cityId()));
	}

	@Operation(summary = "Publish an app version for the upgrade check")
	@PostMapping("/app-versions")
	Envelope<AppVersionView> addAppVersion(@Valid @RequestBody AppVersionRequest request) {
		return Envelope.ok(this.catalog.addAppVersion(request.appType(), request.version(), request.versionCode(),
				request.url(), request.title(), request.msg(), Boolean.TRUE.equals(request.forceUpdate())));
	}

	record AvatarRequest(@Schema(example = "https://cdn.example.com/avatars/cat.png") @NotBlank @Size(
			max = 512) @ImageUrl String url) {
	}

	record CommunityRequest(@Schema(example = "阳光花园") @NotBlank @Size(max = 100) String name,
			@Schema(example = "310100") @NotNull @Positive Long cityId) {
	}

	record AppVersionRequest(@Schema(example = "1") @NotNull @Min(1) @Max(99) Integer appType,
			@Schema(example = "2.3.0") @NotBlank @Size(max = 32) String version,
			@Schema(example = "230") @NotNull @Min(1) Integer versionCode,
			@Schema(example = "https://download.example.com/app-2.3.0.apk") @NotBlank @Size(
					max = 512) @ImageUrl String url,
			@Schema(example = "新版本") @Size(max = 100) String title,
			@Schema(example = "修复了若干问题") @Size(max = 2000) String msg, Boolean forceUpdate) {
	}

}
