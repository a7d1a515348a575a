package com.usercenter.catalog;

import java.util.List;

import com.usercenter.core.Envelope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "catalog")
@Validated
@RestController
class CatalogController {

	private final CatalogService catalog;

	CatalogController(CatalogService catalog) {
		this.catalog = catalog;
	}

	@Operation(summary = "Default avatars to pick from")
	@GetMapping("/api/v1/avatars/defaults")
	Envelope<List<DefaultAvatarView>> defaultAvatars() {
		return Envelope.ok(this.catalog.defaultAvatars());
	}

	@Operation(summary = "Communities of a city and/or containing a keyword (at most 50)")
	@GetMapping("/api/v1/communities")
	Envelope<List<CommunityView>> communities(
			@Parameter(example = "310100") @RequestParam(required = false) @Positive Long cityId,
			@Parameter(example = "花园") @RequestParam(required = false) @Size(max = 50) String keyword) {
		return Envelope.ok(this.catalog.searchCommunities(cityId, keyword));
	}

	@Operation(summary = "The newest version above versionCode for the app type, or null when current")
	@GetMapping("/api/v1/app/upgrade")
	Envelope<AppVersionView> upgrade(@Parameter(example = "1") @RequestParam @Min(1) @Max(99) int appType,
			@Parameter(example = "220") @RequestParam(defaultValue = "0") @Min(0) int versionCode) {
		return Envelope.ok(this.catalog.upgradeFor(appType, versionCode).orElse(null));
	}

}
