package com.usercenter.profile;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One row per user and device id; registering again updates it. A user keeps at most
 * {@value #MAX_DEVICES_PER_USER} devices.
 */
@Service
public class DeviceService {

	private final JdbcClient jdbc;

	private final Clock clock;

	DeviceService(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Ids of users with a registered device, by city and type ({@code ios},
	 * {@code android}, or null for both), ascending after {@code cursor}: a stable
	 * cursor, since ids never change.
	 */
	@Transactional(readOnly = true)
	public List<Long> userIds(Long cityId, String deviceType, long cursor, int limit) {
		StringBuilder sql = new StringBuilder("select distinct user_id from device where user_id > :cursor");
		if (cityId != null) {
			sql.append(" and city_id = :city");
		}
		if (deviceType != null) {
			sql.append(" and device_type = :type");
		}
		sql.append(" order by user_id limit :limit");
		var query = this.jdbc.sql(sql.toString()).param("cursor", cursor).param("limit", limit);
		if (cityId != null) {
			query = query.param("city", cityId);
		}
		if (deviceType != null) {
			query = query.param("type", deviceType);
		}
		return query.query(Long.class).list();
	}

	/** A user's devices, most recently seen first: for the user's data export. */
	@Transactional(readOnly = true)
	public List<java.util.Map<String, Object>> devicesOf(long userId) {
		return this.jdbc.sql("""
				select device_id, device_type, push_token, app_version, os_version, city_id, created_at, updated_at
				from device where user_id = :user order by updated_at desc""")
			.param("user", userId)
			.query((rs, row) -> {
				java.util.Map<String, Object> device = new java.util.LinkedHashMap<>();
				device.put("deviceId", rs.getString("device_id"));
				device.put("deviceType", rs.getString("device_type"));
				device.put("pushToken", rs.getString("push_token"));
				device.put("appVersion", rs.getString("app_version"));
				device.put("osVersion", rs.getString("os_version"));
				device.put("cityId", rs.getObject("city_id"));
				device.put("registeredAt", rs.getTimestamp("created_at").toInstant().toEpochMilli());
				device.put("lastSeenAt", rs.getTimestamp("updated_at").toInstant().toEpochMilli());
				return device;
			})
			.list();
	}

	/** Devices kept per user: registering one more forgets the least recently seen. */
	static final int MAX_DEVICES_PER_USER = 20;

	@Transactional
	void register(long userId, Device device) {
		Timestamp now = Timestamp.from(this.clock.instant());
		this.jdbc.sql("""
				insert into device (user_id, device_id, device_type, push_token, app_version, os_version, city_id,
				                    created_at, updated_at)
				values (:user, :deviceId, :type, :push, :app, :os, :city, :now, :now)
				on conflict (user_id, device_id) do update set device_type = excluded.device_type,
				  push_token = excluded.push_token, app_version = excluded.app_version,
				  os_version = excluded.os_version, city_id = excluded.city_id, updated_at = excluded.updated_at""")
			.param("user", userId)
			.param("deviceId", device.deviceId())
			.param("type", device.deviceType())
			.param("push", device.pushToken())
			.param("app", device.appVersion())
			.param("os", device.osVersion())
			.param("city", device.cityId())
			.param("now", now)
			.update();
		this.jdbc.sql("""
				delete from device where user_id = :user and id not in (
				  select id from device where user_id = :user order by updated_at desc, id desc limit :keep)""")
			.param("user", userId)
			.param("keep", MAX_DEVICES_PER_USER)
			.update();
	}

}
