package com.usercenter.token;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A signed-in device or partner login. Its access tokens work while it is live; revoking
 * it ends them at once.
 * <p>
 * Stored once, when started; afterwards the row changes only through statements that say
 * which columns they set and under which condition ({@link SessionRepository}), never by
 * saving an entity read earlier: a full-row write of a stale read would put back
 * {@code revoked_at = null} over a revocation committed in between (review 3, finding 1).
 * The columns that change are therefore not updatable through the entity.
 */
@Entity
@Table(name = "user_session")
class UserSession extends NewUntilStored<UUID> {

	@Id
	private UUID id;

	private long userId;

	private Long tenantId;

	private String tenantKey;

	private String channel;

	@JdbcTypeCode(SqlTypes.ARRAY)
	@Column(columnDefinition = "text[]")
	private String[] roles;

	@JdbcTypeCode(SqlTypes.ARRAY)
	@Column(columnDefinition = "text[]", updatable = false)
	private String[] amr;

	private Instant createdAt;

	@Column(updatable = false)
	private Instant expiresAt;

	@Column(updatable = false)
	private Instant revokedAt;

	@Column(updatable = false)
	private String ip;

	@Column(updatable = false)
	private String userAgent;

	@Column(updatable = false)
	private Instant lastRefreshedAt;

	protected UserSession() {
	}

	UserSession(SessionRequest request, Instant now, Instant expiresAt) {
		this.id = UUID.randomUUID();
		this.userId = request.userId();
		this.tenantId = request.tenantId();
		this.tenantKey = request.tenantKey();
		this.channel = request.channel();
		this.roles = request.roles().toArray(String[]::new);
		this.amr = request.amr().toArray(String[]::new);
		this.createdAt = now;
		this.expiresAt = expiresAt;
	}

	boolean isLive(Instant now) {
		return this.revokedAt == null && now.isBefore(this.expiresAt);
	}

	/** Where the session was started or last refreshed from. */
	void seenFrom(String ip, String userAgent) {
		this.ip = ip;
		this.userAgent = userAgent;
	}

	SessionView view(UUID current) {
		return new SessionView(this.id.toString(), this.channel, this.tenantKey, this.createdAt.toEpochMilli(),
				(this.lastRefreshedAt != null) ? this.lastRefreshedAt.toEpochMilli() : null, this.ip, this.userAgent,
				this.id.equals(current));
	}

	Instant getCreatedAt() {
		return this.createdAt;
	}

	Long getTenantId() {
		return this.tenantId;
	}

	@Override
	public UUID getId() {
		return this.id;
	}

	long getUserId() {
		return this.userId;
	}

	String getTenantKey() {
		return this.tenantKey;
	}

	Set<String> roles() {
		return new LinkedHashSet<>(Arrays.asList(this.roles));
	}

	/**
	 * How the session was signed in (RFC 8176); empty for sessions from before it was
	 * kept.
	 */
	List<String> amr() {
		return (this.amr != null) ? List.of(this.amr) : List.of();
	}

}
