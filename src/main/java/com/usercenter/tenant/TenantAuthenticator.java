package com.usercenter.tenant;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;

import com.usercenter.changes.BatchedDeletes;
import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Decides whether a tenant request is genuine: the signature first (so nobody but the
 * tenant can burn its nonces), then the tenant's status, then the nonce.
 */
@Component
class TenantAuthenticator {

	static final Duration TIMESTAMP_WINDOW = Duration.ofSeconds(300);

	static final Duration NONCE_WINDOW = Duration.ofMinutes(15);

	private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{8,64}");

	private static final Pattern TIMESTAMP = Pattern.compile("\\d{1,15}");

	private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

	private static final Pattern SIGNATURE = Pattern.compile("[0-9a-fA-F]{64}");

	private final TenantService tenants;

	private final TenantRepository repository;

	private final Clock clock;

	private final BatchedDeletes deletes;

	TenantAuthenticator(TenantService tenants, TenantRepository repository, Clock clock, BatchedDeletes deletes) {
		this.deletes = deletes;
		this.tenants = tenants;
		this.repository = repository;
		this.clock = clock;
	}

	@Transactional
	public TenantPrincipal authenticate(SignedRequest request) {
		if (!matches(KEY, request.tenantKey()) || !matches(TIMESTAMP, request.timestamp())
				|| !matches(NONCE, request.nonce()) || !matches(SIGNATURE, request.signature())) {
			throw new ApiException(ErrorCode.TENANT_SIGNATURE_INVALID);
		}
		Instant now = this.clock.instant();
		Instant sent = Instant.ofEpochMilli(Long.parseLong(request.timestamp()));
		if (Duration.between(sent, now).abs().compareTo(TIMESTAMP_WINDOW) > 0) {
			throw new ApiException(ErrorCode.TENANT_SIGNATURE_INVALID);
		}
		Tenant tenant = this.tenants.find(request.tenantKey())
			.orElseThrow(() -> new ApiException(ErrorCode.TENANT_SIGNATURE_INVALID));
		String stringToSign = TenantSignature.stringToSign(request.method(), request.path(), request.query(),
				request.timestamp(), request.nonce(), request.body());
		if (!TenantSignature.matches(this.tenants.secretOf(tenant), stringToSign, request.signature())) {
			throw new ApiException(ErrorCode.TENANT_SIGNATURE_INVALID);
		}
		if (!tenant.isActive()) {
			throw new ApiException(ErrorCode.TENANT_DISABLED);
		}
		if (this.repository.recordNonce(tenant.getId(), request.nonce(), now, now.minus(NONCE_WINDOW)) == 0) {
			throw new ApiException(ErrorCode.TENANT_REPLAY);
		}
		return new TenantPrincipal(tenant.getId(), tenant.getTenantKey());
	}

	@Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT1M")
	public void forgetOldNonces() {
		this.deletes.delete("tenant_nonce", "seen_at < :before",
				Map.of("before", Timestamp.from(this.clock.instant().minus(NONCE_WINDOW))));
	}

	private static boolean matches(Pattern pattern, String value) {
		return value != null && pattern.matcher(value).matches();
	}

	/** The parts of an HTTP request that the signature covers, as they were sent. */
	record SignedRequest(String tenantKey, String timestamp, String nonce, String signature, String method, String path,
			String query, byte[] body) {
	}

}
