package com.usercenter.audit;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One line of the audit trail. Never holds a password, code or token. */
@Entity
@Table(name = "audit_event")
class AuditEvent {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String type;

	private Long userId;

	private String tenantKey;

	private String ip;

	private Instant at;

	private String detail;

	AuditEventView view() {
		return new AuditEventView(this.id, this.type, this.userId, this.tenantKey, this.ip, this.at.toEpochMilli(),
				this.detail);
	}

	protected AuditEvent() {
	}

	AuditEvent(String type, Long userId, String tenantKey, String ip, Instant at, String detail) {
		this.type = type;
		this.userId = userId;
		this.tenantKey = tenantKey;
		this.ip = ip;
		this.at = at;
		this.detail = (detail != null && detail.length() > 1000) ? detail.substring(0, 1000) : detail;
	}

}
