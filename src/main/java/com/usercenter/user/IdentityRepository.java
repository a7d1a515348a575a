package com.usercenter.user;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.Repository;

interface IdentityRepository extends Repository<UserIdentity, Long> {

	UserIdentity saveAndFlush(UserIdentity identity);

	Optional<UserIdentity> findById(Long id);

	Optional<UserIdentity> findByProviderAndSubject(String provider, String subject);

	Optional<UserIdentity> findByUserIdAndProvider(long userId, String provider);

	List<UserIdentity> findByUserIdOrderByCreatedAtAsc(long userId);

	boolean existsByProviderAndSubject(String provider, String subject);

	Optional<UserIdentity> findFirstByUnionIdAndProviderInOrderByCreatedAtAsc(String unionId,
			java.util.Collection<String> providers);

	long countByUserId(long userId);

	void delete(UserIdentity identity);

	void deleteByUserId(long userId);

}
