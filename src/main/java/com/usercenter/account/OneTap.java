package com.usercenter.account;

import java.time.Clock;
import java.util.Map;

import com.usercenter.cloud.AliyunRpcClient;
import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.MissingSetting;
import com.usercenter.core.UpstreamFailed;
import com.usercenter.core.metrics.ProviderCalls;
import com.usercenter.core.startup.ProviderStatus;
import com.usercenter.user.PhoneNumber;
import tools.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Carrier one-tap sign-in: the token the carrier's SDK gave the app is exchanged for the
 * phone number with Alibaba Cloud's number authentication ({@code GetMobile}, version
 * 2017-05-25). The number is then proven as a code would prove it.
 */
@Service
class OneTap implements ProviderStatus {

	private static final Logger log = LoggerFactory.getLogger(OneTap.class);

	private final AliyunRpcClient client;

	private final ProviderCalls calls;

	OneTap(OneTapSettings settings, Clock clock, ProviderCalls calls) {
		this.calls = calls;
		OneTapSettings.Aliyun aliyun = settings.aliyun();
		boolean on = "aliyun".equals(settings.provider());
		if (on && (blank(aliyun.accessKeyId()) || blank(aliyun.accessKeySecret()))) {
			throw new MissingSetting(blank(aliyun.accessKeyId()) ? "usercenter.one-tap.aliyun.access-key-id"
					: "usercenter.one-tap.aliyun.access-key-secret", "usercenter.one-tap.provider=aliyun");
		}
		this.client = on ? new AliyunRpcClient(aliyun.baseUrl(), "2017-05-25", aliyun.accessKeyId(),
				aliyun.accessKeySecret(), aliyun.connectTimeout(), aliyun.readTimeout(), clock) : null;
	}

	@Override
	public String describe() {
		return "carrier one-tap: " + ((this.client != null) ? "aliyun" : "off");
	}

	/**
	 * The number behind the token.
	 * @throws ApiException 40105 when the provider refuses the token (or one-tap is off),
	 * 50200 when it fails
	 */
	PhoneNumber mobileOf(String token) {
		if (this.client == null) {
			throw new ApiException(ErrorCode.THIRD_PARTY_REJECTED);
		}
		JsonNode answer = this.calls.timed("aliyun_one_tap",
				() -> this.client.call("GetMobile", Map.of("AccessToken", token)));
		String code = AliyunRpcClient.code(answer);
		if (!"OK".equals(code)) {
			log.warn("Alibaba Cloud number authentication refused a token: {}", code);
			if (code.startsWith("Throttling") || code.contains("ServiceUnavailable")
					|| code.contains("InternalError")) {
				throw new UpstreamFailed();
			}
			throw new ApiException(ErrorCode.THIRD_PARTY_REJECTED);
		}
		PhoneNumber mobile = PhoneNumber.parseOrNull(answer.path("GetMobileResultDTO").path("Mobile").asString(""));
		if (mobile == null) {
			log.warn("Alibaba Cloud number authentication answered no usable number");
			throw new UpstreamFailed();
		}
		return mobile;
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
