package com.usercenter.catalog;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.usercenter.core.ApiException;
import com.usercenter.core.ErrorCode;
import com.usercenter.core.errors.UniqueConstraints;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Communities, default avatars and app versions: read by apps, written by admins.
 */
@Service
public class CatalogService {

	static final int SEARCH_LIMIT = 50;

	private final CommunityRepository communities;

	private final DefaultAvatarRepository avatars;

	private final AppVersionRepository versions;

	private final Clock clock;

	CatalogService(CommunityRepository communities, DefaultAvatarRepository avatars, AppVersionRepository versions,
			Clock clock) {
		this.communities = communities;
		this.avatars = avatars;
		this.versions = versions;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public Optional<CommunityView> community(long id) {
		return this.communities.findById(id).map(Community::view);
	}

	/**
	 * Communities of a city and/or whose name contains the keyword (as plain text), at
	 * most 50.
	 */
	@Transactional(readOnly = true)
	public List<CommunityView> searchCommunities(Long cityId, String keyword) {
		String pattern = (keyword == null || keyword.isBlank()) ? null
				: "%" + escapeLike(keyword.trim().toLowerCase(Locale.ROOT)) + "%";
		return this.communities.search(cityId, pattern, Limit.of(SEARCH_LIMIT)).stream().map(Community::view).toList();
	}

	@Transactional
	CommunityView createCommunity(String name, long cityId) {
		try {
			return this.communities.saveAndFlush(new Community(name, cityId, this.clock.instant())).view();
		}
		catch (DataIntegrityViolationException ex) {
			if (UniqueConstraints.violated(ex, "uk_community_city_name")) {
				throw ApiException.invalid("name", "this city already has a community with this name");
			}
			throw ex;
		}
	}

	@Transactional(readOnly = true)
	public List<DefaultAvatarView> defaultAvatars() {
		return this.avatars.findAllByOrderByIdAsc().stream().map(DefaultAvatar::view).toList();
	}

	@Transactional
	DefaultAvatarView addDefaultAvatar(String url) {
		return this.avatars.save(new DefaultAvatar(url, this.clock.instant())).view();
	}

	@Transactional
	void removeDefaultAvatar(long id) {
		this.avatars.delete(this.avatars.findById(id).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND)));
	}

	/** The newest version above the caller's, or empty when the caller is current. */
	@Transactional(readOnly = true)
	public Optional<AppVersionView> upgradeFor(int appType, int versionCode) {
		return this.versions
			.findFirstByAppTypeAndVersionCodeGreaterThanOrderByVersionCodeDesc((short) appType, versionCode)
			.map(AppVersion::view);
	}

	@Transactional
	AppVersionView addAppVersion(int appType, String version, int versionCode, String url, String title, String msg,
			boolean forceUpdate) {
		try {
			return this.versions
				.saveAndFlush(new AppVersion(appType, version, versionCode, url, title, msg, forceUpdate,
						this.clock.instant()))
				.view();
		}
		catch (DataIntegrityViolationException ex) {
			if (UniqueConstraints.violated(ex, "uk_app_version_type_code")) {
				throw ApiException.invalid("versionCode", "this app type already has this version code");
			}
			throw ex;
		}
	}

	static String escapeLike(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

}
