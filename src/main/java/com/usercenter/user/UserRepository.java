package com.usercenter.user;

import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.repository.Repository;

interface UserRepository extends Repository<User, Long>, JpaSpecificationExecutor<User> {

	User saveAndFlush(User user);

	Optional<User> findById(Long id);

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	Optional<User> findForUpdateById(Long id);

	Optional<User> findByMobile(String mobile);

	Optional<User> findByEmail(String email);

	Optional<User> findByUsername(String username);

	boolean existsByUsername(String username);

	void flush();

}
