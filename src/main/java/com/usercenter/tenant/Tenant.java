package com.usercenter.tenant;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A partner business calling the tenant API. Its HMAC secret is stored sealed with the
 * master key. Inserted once; its status and secret change only through the statements in
 * {@link TenantRepository}, each setting one of them, so neither change can write back
 * the other's stale value.
 */
@Entity
@Table(name = "tenant")
class Tenant {

	static final String ACTIVE = "active";

	static final String DISABLED = "disabled";

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String tenantKey;

	private String name;

	@Column(updatable = false)
	private byte[] secretSealed;

	@Column(updatable = false)
	private String status = ACTIVE;

	private Instant createdAt;

	@Column(updatable = false)
	private Instant updatedAt;

	protected Tenant() {
	}

	Tenant(String tenantKey, String name, byte[] secretSealed, Instant now) {
		this.tenantKey = tenantKey;
		this.name = name;
		this.secretSealed = secretSealed;
		this.createdAt = now;
		this.updatedAt = now;
	}

	boolean isActive() {
		return ACTIVE.equals(this.status);
	}

	Long getId() {
		return this.id;
	}

	String getTenantKey() {
		return this.tenantKey;
	}

	String getName() {
		return this.name;
	}

	byte[] getSecretSealed() {
		return this.secretSealed;
	}

	String getStatus() {
		return this.status;
	}

	Instant getCreatedAt() {
		return this.createdAt;
	}

	Instant getUpdatedAt() {
		return this.updatedAt;
	}

}
