package com.usercenter.hobby;

import io.swagger.v3.oas.annotations.media.Schema;

/** A hobby as apps show it, named in the caller's language. */
public record HobbyView(@Schema(example = "2") long id, @Schema(example = "跑步") String name) {

}
