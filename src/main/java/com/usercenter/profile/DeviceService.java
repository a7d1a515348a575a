package com.usercenter.profile;

import java.sql.Timestamp;
import java.time.Clock;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** One row per user and device id; registering again updates it. */
@Service
class DeviceService {

	private final JdbcClient jdbc;

	private final Clock clock;

	DeviceService(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

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
	}

}
