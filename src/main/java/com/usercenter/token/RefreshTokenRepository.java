package com.usercenter.token;

import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.repository.Repository;

interface RefreshTokenRepository extends Repository<RefreshToken, String> {

	RefreshToken save(RefreshToken token);

	/**
	 * Locks the row, so two uses of one refresh token are decided one after the other.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	Optional<RefreshToken> findByTokenHash(String tokenHash);

}
