package com.usercenter.hobby;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.Repository;

interface HobbyRepository extends Repository<Hobby, Long> {

	Hobby saveAndFlush(Hobby hobby);

	Optional<Hobby> findById(Long id);

	List<Hobby> findAllByOrderByIdAsc();

	void delete(Hobby hobby);

}
