package com.usercenter.token;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

interface SessionRepository extends Repository<UserSession, UUID> {

	java.util.List<UserSession> findFirst100ByUserIdAndRevokedAtIsNullAndExpiresAtAfterOrderByCreatedAtDesc(long userId,
			java.time.Instant now);

	UserSession save(UserSession session);

	Optional<UserSession> findById(UUID id);

	/** One autocommit statement: asked on every authenticated request, no transaction. */
	@Transactional(propagation = Propagation.SUPPORTS)
	boolean existsByIdAndRevokedAtIsNullAndExpiresAtAfter(UUID id, Instant now);

	Optional<UserSession> findFirstByUserIdAndTenantIdAndRevokedAtIsNullAndExpiresAtAfterOrderByCreatedAtDesc(
			long userId, long tenantId, Instant now);

	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("update UserSession s set s.revokedAt = :now where s.userId = :userId and s.tenantId = :tenantId and s.revokedAt is null")
	int revokeTenantSessions(long userId, long tenantId, Instant now);

	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("update UserSession s set s.revokedAt = :now where s.userId = :userId and s.revokedAt is null and s.id <> :keep")
	int revokeAllExcept(long userId, UUID keep, Instant now);

	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("update UserSession s set s.revokedAt = :now where s.userId = :userId and s.revokedAt is null")
	int revokeAll(long userId, Instant now);

	@Modifying
	@Query("delete from UserSession s where s.expiresAt < :before")
	int deleteExpiredBefore(Instant before);

}
