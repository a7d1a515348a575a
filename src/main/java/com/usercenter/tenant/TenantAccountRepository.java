package com.usercenter.tenant;

import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.repository.Repository;

interface TenantAccountRepository extends Repository<TenantAccount, Long> {

	TenantAccount save(TenantAccount account);

	Optional<TenantAccount> findByTenantIdAndAssociatedId(long tenantId, String associatedId);

	/**
	 * The mapping, its row locked until the transaction ends: logins of one user take
	 * turns.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	Optional<TenantAccount> findForUpdateByTenantIdAndAssociatedId(long tenantId, String associatedId);

}
