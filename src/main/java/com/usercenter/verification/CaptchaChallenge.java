package com.usercenter.verification;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A captcha to show: send its key and the typed answer back with the request that needs
 * it.
 */
public record CaptchaChallenge(@Schema(example = "m3Vq9xT0aB1cD2eF3gH4iJ5k") String captchaKey,
		@Schema(description = "PNG image as a data URI", example = "data:image/png;base64,iVBORw0KGgo...") String image,
		@Schema(example = "300") long expiresIn) {

}
