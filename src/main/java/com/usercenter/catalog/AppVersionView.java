package com.usercenter.catalog;

import io.swagger.v3.oas.annotations.media.Schema;

/** The newest version an app may upgrade to. */
public record AppVersionView(@Schema(example = "2.3.0") String version, @Schema(example = "230") int versionCode,
		@Schema(example = "https://download.example.com/app-2.3.0.apk") String url,
		@Schema(example = "新版本") String title, @Schema(example = "修复了若干问题") String msg,
		@Schema(description = "Epoch ms", example = "1763856000000") long updatedAt, @Schema(example = "1") int appType,
		boolean forceUpdate) {

}
