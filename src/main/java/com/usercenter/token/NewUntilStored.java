package com.usercenter.token;

import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;

import org.springframework.data.domain.Persistable;

/**
 * An entity whose id is made before it is stored (a random session id, a token hash):
 * saving a new one inserts at once, instead of the select that Spring Data's merge of an
 * entity with an id would send first.
 */
@MappedSuperclass
abstract class NewUntilStored<I> implements Persistable<I> {

	@Transient
	private boolean stored;

	@Override
	public boolean isNew() {
		return !this.stored;
	}

	@PostLoad
	@PostPersist
	void markStored() {
		this.stored = true;
	}

}
