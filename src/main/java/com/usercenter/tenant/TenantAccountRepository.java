package com.usercenter.tenant;

import java.util.Optional;

import org.springframework.data.repository.Repository;

interface TenantAccountRepository extends Repository<TenantAccount, Long> {

	TenantAccount save(TenantAccount account);

	Optional<TenantAccount> findByTenantIdAndAssociatedId(long tenantId, String associatedId);

}
