package com.usercenter.tenant;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface TenantRepository extends Repository<Tenant, Long> {

	Tenant save(Tenant tenant);

	Optional<Tenant> findByTenantKey(String tenantKey);

	/** Sets the status alone: a concurrent re-key is not undone. */
	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("update Tenant t set t.status = :status, t.updatedAt = :now where t.id = :id")
	int changeStatus(long id, String status, Instant now);

	/** Sets the sealed secret alone: a concurrent disable is not undone. */
	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("update Tenant t set t.secretSealed = :sealed, t.updatedAt = :now where t.id = :id")
	int replaceSecret(long id, byte[] sealed, Instant now);

	List<Tenant> findAllByOrderByIdAsc();

	long count();

	/**
	 * Records a nonce; answers 0 when the tenant used it within the window (a replay), 1
	 * otherwise. The primary key decides races between instances.
	 */
	@Modifying
	@Query(value = """
			insert into tenant_nonce (tenant_id, nonce, seen_at) values (:tenantId, :nonce, :now)
			on conflict (tenant_id, nonce) do update set seen_at = excluded.seen_at
			where tenant_nonce.seen_at < :windowStart""", nativeQuery = true)
	int recordNonce(long tenantId, String nonce, Instant now, Instant windowStart);

}
