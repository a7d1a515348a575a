package com.usercenter.token;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sessions are inserted by {@link #save} and changed only by the statements here, each
 * naming what it sets and when: a revocation sets {@code revoked_at} only where it is
 * null, so it is one-way, and nothing else ever writes that column.
 */
interface SessionRepository extends Repository<UserSession, UUID> {

	/**
	 * What a live session needs besides itself: its user active (not disabled, not
	 * erased) and, for a partner's session, its tenant active. Checked on the token check
	 * and on refresh, so a session that a race left live behind a disable is still
	 * refused.
	 */
	String STANDING = """
			exists (select 1 from app_user u where u.id = s.user_id and u.status = 'active')
			and (s.tenant_id is null or exists (select 1 from tenant t where t.id = s.tenant_id and t.status = 'active'))""";

	java.util.List<UserSession> findFirst100ByUserIdAndRevokedAtIsNullAndExpiresAtAfterOrderByCreatedAtDesc(long userId,
			java.time.Instant now);

	UserSession save(UserSession session);

	Optional<UserSession> findById(UUID id);

	/**
	 * One autocommit statement: asked on every authenticated request (when memory cannot
	 * answer), no transaction.
	 */
	@Transactional(propagation = Propagation.SUPPORTS)
	@Query(value = "select exists (select 1 from user_session s where s.id = :id and s.revoked_at is null"
			+ " and s.expires_at > :now and " + STANDING + ")", nativeQuery = true)
	boolean isLive(UUID id, Instant now);

	Optional<UserSession> findFirstByUserIdAndTenantIdAndRevokedAtIsNullAndExpiresAtAfterOrderByCreatedAtDesc(
			long userId, long tenantId, Instant now);

	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("update UserSession s set s.revokedAt = :now where s.id = :id and s.revokedAt is null")
	int revoke(UUID id, Instant now);

	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("update UserSession s set s.revokedAt = :now where s.tenantId = :tenantId and s.revokedAt is null")
	int revokeAllOfTenant(long tenantId, Instant now);

	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("update UserSession s set s.revokedAt = :now where s.userId = :userId and s.tenantId = :tenantId and s.revokedAt is null")
	int revokeTenantSessions(long userId, long tenantId, Instant now);

	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("update UserSession s set s.revokedAt = :now where s.userId = :userId and s.revokedAt is null and s.id <> :keep")
	int revokeAllExcept(long userId, UUID keep, Instant now);

	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("update UserSession s set s.revokedAt = :now where s.userId = :userId and s.revokedAt is null")
	int revokeAll(long userId, Instant now);

}
