package com.usercenter.token;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A refresh token, known only by its SHA-256 hash. Used once: rotation marks it, and a
 * marked token presented again reveals a copy in other hands.
 */
@Entity
@Table(name = "refresh_token")
class RefreshToken extends NewUntilStored<String> {

	@Id
	private String tokenHash;

	private UUID sessionId;

	private Instant expiresAt;

	private Instant rotatedAt;

	protected RefreshToken() {
	}

	RefreshToken(String tokenHash, UUID sessionId, Instant expiresAt) {
		this.tokenHash = tokenHash;
		this.sessionId = sessionId;
		this.expiresAt = expiresAt;
	}

	boolean isRotated() {
		return this.rotatedAt != null;
	}

	boolean isExpired(Instant now) {
		return !now.isBefore(this.expiresAt);
	}

	void markRotated(Instant now) {
		this.rotatedAt = now;
	}

	@Override
	public String getId() {
		return this.tokenHash;
	}

	UUID getSessionId() {
		return this.sessionId;
	}

}
