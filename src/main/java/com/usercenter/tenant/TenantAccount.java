package com.usercenter.tenant;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The mapping of a tenant's associatedId to one of our users. */
@Entity
@Table(name = "tenant_account")
class TenantAccount {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private long tenantId;

	private String associatedId;

	private long userId;

	private Instant createdAt;

	protected TenantAccount() {
	}

	TenantAccount(long tenantId, String associatedId, long userId, Instant now) {
		this.tenantId = tenantId;
		this.associatedId = associatedId;
		this.userId = userId;
		this.createdAt = now;
	}

	long getUserId() {
		return this.userId;
	}

}
