package com.usercenter.user;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A WeChat, Weibo or QQ account bound to a user. */
@Entity
@Table(name = "user_identity")
public class UserIdentity {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private long userId;

	private String provider;

	private String subject;

	private String unionId;

	private Instant createdAt;

	protected UserIdentity() {
	}

	UserIdentity(long userId, String provider, String subject, String unionId, Instant now) {
		this.userId = userId;
		this.provider = provider;
		this.subject = subject;
		this.unionId = unionId;
		this.createdAt = now;
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
