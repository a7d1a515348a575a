package com.usercenter.hobby;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One hobby of the catalog, named in Chinese and, optionally, English. */
@Entity
@Table(name = "hobby")
class Hobby {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String name;

	private String nameEn;

	private Instant createdAt;

	protected Hobby() {
	}

	Hobby(String name, String nameEn, Instant now) {
		this.name = name;
		this.nameEn = nameEn;
		this.createdAt = now;
	}

	void rename(String name, String nameEn) {
		this.name = name;
		if (nameEn != null) {
			this.nameEn = nameEn;
		}
	}

	Long getId() {
		return this.id;
	}

	String getName() {
		return this.name;
	}

	String getNameEn() {
		return this.nameEn;
	}

}
