package com.usercenter.verification;

import com.usercenter.core.Envelope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "verification")
@RestController
class CaptchaController {

	private final CaptchaService captchas;

	CaptchaController(CaptchaService captchas) {
		this.captchas = captchas;
	}

	@Operation(summary = "A new image captcha (single use, case-insensitive, 5 minutes)")
	@GetMapping("/api/v1/captcha")
	ResponseEntity<Envelope<CaptchaChallenge>> captcha() {
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Envelope.ok(this.captchas.issue()));
	}

}
