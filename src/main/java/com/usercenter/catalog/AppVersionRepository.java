package com.usercenter.catalog;

import java.util.Optional;

import org.springframework.data.repository.Repository;

interface AppVersionRepository extends Repository<AppVersion, Long> {

	AppVersion saveAndFlush(AppVersion version);

	Optional<AppVersion> findFirstByAppTypeAndVersionCodeGreaterThanOrderByVersionCodeDesc(short appType,
			int versionCode);

}
