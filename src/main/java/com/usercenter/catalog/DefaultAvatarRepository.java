package com.usercenter.catalog;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.Repository;

interface DefaultAvatarRepository extends Repository<DefaultAvatar, Long> {

	DefaultAvatar save(DefaultAvatar avatar);

	Optional<DefaultAvatar> findById(Long id);

	List<DefaultAvatar> findAllByOrderByIdAsc();

	void delete(DefaultAvatar avatar);

}
