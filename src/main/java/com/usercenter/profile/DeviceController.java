package com.usercenter.profile;

import com.usercenter.core.CurrentUser;
import com.usercenter.core.Envelope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "profile")
@SecurityRequirement(name = "bearer")
@RestController
class DeviceController {

	private final DeviceService devices;

	DeviceController(DeviceService devices) {
		this.devices = devices;
	}

	@Operation(operationId = "registerDevice", summary = "Register the device the app runs on (repeat to update it)")
	@PostMapping("/api/v1/users/me/devices")
	Envelope<Void> register(CurrentUser user, @Valid @RequestBody DeviceRequest request) {
		this.devices.register(user.userId(), new Device(request.deviceType(), request.deviceId(), request.pushToken(),
				request.appVersion(), request.osVersion(), request.cityId()));
		return Envelope.ok();
	}

	record DeviceRequest(@Schema(allowableValues = {
			"ios", "android" }, example = "android") @NotBlank @Pattern(regexp = "ios|android") String deviceType,
			@Schema(example = "8f14e45fceea167a5a36dedd4bea2543") @NotBlank @Size(max = 128) String deviceId,
			@Schema(example = "1104a89792a8ee9c5c1") @Size(max = 256) String pushToken,
			@Schema(example = "2.3.0") @Size(max = 32) String appVersion,
			@Schema(example = "Android 14") @Size(max = 32) String osVersion,
			@Schema(example = "310100") @Positive Long cityId){
	}

}
