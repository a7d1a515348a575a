package com.usercenter.user;

import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

interface UserRepository extends Repository<User, Long>, JpaSpecificationExecutor<User> {

	User saveAndFlush(User user);

	Optional<User> findById(Long id);

	/** The password hash alone, or empty when there is no such account or no password. */
	@Query("select u.passwordHash from User u where u.id = :id")
	Optional<String> findPasswordHashById(long id);

	/**
	 * Replaces the password hash if it is still {@code current}: answers 0 when it was
	 * changed meanwhile, and then changes nothing.
	 */
	@Transactional
	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("""
			update User u set u.passwordHash = :replacement, u.version = u.version + 1
			where u.id = :id and u.passwordHash = :current""")
	int replacePasswordHash(long id, String current, String replacement);

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	Optional<User> findForUpdateById(Long id);

	Optional<User> findByMobile(String mobile);

	Optional<User> findByEmail(String email);

	Optional<User> findByUsername(String username);

	boolean existsByUsername(String username);

	long countByAvatarOrBackground(String avatar, String background);

	void flush();

	/**
	 * For the rest of the transaction, every statement is planned for its own parameters.
	 * A substring search planned once for any pattern walks the primary key backwards
	 * through every user when the pattern is rare; planned for the pattern, it asks the
	 * trigram indexes.
	 */
	@Query(value = "select set_config('plan_cache_mode', 'force_custom_plan', true)", nativeQuery = true)
	String planForTheseParameters();

}
