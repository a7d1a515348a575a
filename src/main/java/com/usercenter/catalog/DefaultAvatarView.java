package com.usercenter.catalog;

import io.swagger.v3.oas.annotations.media.Schema;

/** A default avatar. */
public record DefaultAvatarView(@Schema(example = "1") long id,
		@Schema(example = "/api/v1/avatars/files/default-1.png") String url) {

}
