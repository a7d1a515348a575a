package com.usercenter.tenant;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.usercenter.audit.AuditService;
import com.usercenter.audit.AuditType;
import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;
import com.usercenter.secrets.Digests;
import com.usercenter.secrets.SecretBox;
import com.usercenter.token.SessionService;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates tenants, rotates their secrets, enables and disables them. A secret is shown
 * once, when made; afterwards it exists only sealed in the database. Each change is one
 * statement that sets only what it changes (never a save of a tenant read earlier, which
 * would write back a stale status or secret over a concurrent change), and ends every
 * session the tenant started: no token a partner obtained outlives a change of its
 * standing.
 */
@Service
public class TenantService {

	static final String SECRET_PURPOSE = "tenant-secret";

	private final TenantRepository tenants;

	private final SecretBox box;

	private final AuditService audit;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final SessionService sessions;

	TenantService(TenantRepository tenants, SecretBox box, AuditService audit, JdbcClient jdbc, Clock clock,
			SessionService sessions) {
		this.sessions = sessions;
		this.tenants = tenants;
		this.box = box;
		this.audit = audit;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Transactional
	public TenantCredentials create(String name) {
		return create("tk_" + Digests.randomToken(12), name, newSecret());
	}

	/**
	 * Creates a tenant with a key and secret chosen by the operator (start-up
	 * configuration).
	 */
	@Transactional
	TenantCredentials create(String tenantKey, String name, String secret) {
		Instant now = this.clock.instant();
		this.tenants.save(new Tenant(tenantKey, name, seal(secret), now));
		this.audit.record(AuditType.ADMIN_TENANT_CHANGE, null, tenantKey, "created");
		return new TenantCredentials(tenantKey, secret);
	}

	@Transactional(readOnly = true)
	public List<TenantView> list() {
		return this.tenants.findAllByOrderByIdAsc().stream().map(TenantView::from).toList();
	}

	/**
	 * Replaces the secret; the old one stops working at once, and so does every session
	 * the tenant started (a secret is re-keyed when it may be known to someone else).
	 */
	@Transactional
	public TenantCredentials rotateSecret(String tenantKey) {
		Tenant tenant = get(tenantKey);
		String secret = newSecret();
		this.tenants.replaceSecret(tenant.getId(), seal(secret), this.clock.instant());
		int ended = this.sessions.revokeAllOfTenant(tenant.getId());
		this.audit.record(AuditType.ADMIN_TENANT_CHANGE, null, tenantKey,
				"secret rotated, " + ended + " sessions ended");
		return new TenantCredentials(tenantKey, secret);
	}

	/**
	 * Enables or disables the tenant, and ends every session it started: a disabled
	 * tenant's tokens stop at once, and enabling it again revives none (not even one a
	 * login racing the disable started).
	 */
	@Transactional
	public TenantView changeStatus(String tenantKey, String status) {
		if (!Tenant.ACTIVE.equals(status) && !Tenant.DISABLED.equals(status)) {
			throw new IllegalArgumentException(status);
		}
		Tenant tenant = get(tenantKey);
		this.tenants.changeStatus(tenant.getId(), status, this.clock.instant());
		int ended = this.sessions.revokeAllOfTenant(tenant.getId());
		this.audit.record(AuditType.ADMIN_TENANT_CHANGE, null, tenantKey,
				"status " + status + ", " + ended + " sessions ended");
		return TenantView.from(get(tenantKey));
	}

	/** The tenants that map an associatedId to this user. */
	@Transactional(readOnly = true)
	public List<TenantIdentity> identitiesOf(long userId) {
		return this.jdbc.sql("""
				select t.tenant_key, a.associated_id, a.created_at from tenant_account a
				join tenant t on t.id = a.tenant_id where a.user_id = :user order by a.created_at""")
			.param("user", userId)
			.query((rs, row) -> new TenantIdentity(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
			.list();
	}

	@Transactional(readOnly = true)
	Optional<Tenant> find(String tenantKey) {
		return this.tenants.findByTenantKey(tenantKey);
	}

	@Transactional(readOnly = true)
	boolean exists(String tenantKey) {
		return this.tenants.findByTenantKey(tenantKey).isPresent();
	}

	@Transactional(readOnly = true)
	long count() {
		return this.tenants.count();
	}

	byte[] secretOf(Tenant tenant) {
		return this.box.open(SECRET_PURPOSE, tenant.getSecretSealed());
	}

	private Tenant get(String tenantKey) {
		return this.tenants.findByTenantKey(tenantKey).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND));
	}

	private byte[] seal(String secret) {
		return this.box.seal(SECRET_PURPOSE, secret.getBytes(StandardCharsets.UTF_8));
	}

	private static String newSecret() {
		return Digests.randomToken(32);
	}

}
