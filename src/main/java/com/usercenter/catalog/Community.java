package com.usercenter.catalog;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A residential community (小区) in a city. */
@Entity
@Table(name = "community")
class Community {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String name;

	private long cityId;

	private Instant createdAt;

	protected Community() {
	}

	Community(String name, long cityId, Instant now) {
		this.name = name;
		this.cityId = cityId;
		this.createdAt = now;
	}

	CommunityView view() {
		return new CommunityView(this.id, this.name, this.cityId);
	}

}
