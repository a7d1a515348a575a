package com.usercenter.user;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
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

	/** Sets the kept refresh token alone. */
	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("update UserIdentity i set i.refreshSealed = :sealed where i.provider = :provider and i.subject = :subject")
	int keepRefresh(String provider, String subject, byte[] sealed);

	/**
	 * Forgets the kept refresh token only if it is still the one revoked: a newer one
	 * kept meanwhile (a sign-in during the revocation) stays, to be revoked in turn.
	 */
	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("update UserIdentity i set i.refreshSealed = null"
			+ " where i.userId = :userId and i.provider = :provider and i.refreshSealed = :revoked")
	int forgetRefresh(long userId, String provider, byte[] revoked);

}
