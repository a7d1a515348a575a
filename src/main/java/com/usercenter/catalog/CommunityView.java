package com.usercenter.catalog;

import io.swagger.v3.oas.annotations.media.Schema;

/** A community as apps show it. */
public record CommunityView(@Schema(example = "12") long id, @Schema(example = "阳光花园") String name,
		@Schema(example = "310100") long cityId) {

}
