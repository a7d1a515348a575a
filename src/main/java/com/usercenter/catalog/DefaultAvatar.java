package com.usercenter.catalog;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An avatar users may pick instead of uploading one. */
@Entity
@Table(name = "default_avatar")
class DefaultAvatar {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String url;

	private Instant createdAt;

	protected DefaultAvatar() {
	}

	DefaultAvatar(String url, Instant now) {
		this.url = url;
		this.createdAt = now;
	}

	DefaultAvatarView view() {
		return new DefaultAvatarView(this.id, this.url);
	}

}
