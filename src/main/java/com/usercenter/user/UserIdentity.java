package com.usercenter.user;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A WeChat, Weibo or QQ account bound to a user; other features see an {@link Identity}.
 */
@Entity
@Table(name = "user_identity")
class UserIdentity {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private long userId;

	private String provider;

	private String subject;

	private String unionId;

	private String email;

	/** Set only by statements ({@link IdentityRepository}), never by a save. */
	@Column(updatable = false)
	private byte[] refreshSealed;

	private Instant createdAt;

	protected UserIdentity() {
	}

	UserIdentity(long userId, String provider, String subject, String unionId, String email, Instant now) {
		this.userId = userId;
		this.provider = provider;
		this.subject = subject;
		this.unionId = unionId;
		this.email = email;
		this.createdAt = now;
	}

	/**
	 * The email the provider vouched for (Apple's may be a private relay); never used to
	 * link.
	 */
	public String getEmail() {
		return this.email;
	}

	/** The provider's refresh token, sealed with the master key, or null. */
	public byte[] getRefreshSealed() {
		return this.refreshSealed;
	}

	/** WeChat's unionid, when given. */
	public String getUnionId() {
		return this.unionId;
	}

	Identity view() {
		return new Identity(this.userId, this.provider, this.subject, this.unionId, this.email, this.createdAt);
	}

	public Long getId() {
		return this.id;
	}

	public long getUserId() {
		return this.userId;
	}

	public String getProvider() {
		return this.provider;
	}

	public String getSubject() {
		return this.subject;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

}
