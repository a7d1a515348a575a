package com.usercenter.catalog;

import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

interface CommunityRepository extends Repository<Community, Long> {

	Community saveAndFlush(Community community);

	Optional<Community> findById(Long id);

	/**
	 * Communities whose name contains the pattern; the caller escapes LIKE wildcards with
	 * '\'.
	 */
	@Query("""
			select c from Community c
			where (:cityId is null or c.cityId = :cityId)
			  and (:pattern is null or lower(c.name) like :pattern escape '\\')
			order by c.name""")
	List<Community> search(Long cityId, String pattern, Limit limit);

}
