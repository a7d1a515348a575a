package com.usercenter.catalog;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A released version of an app, offered to older installs by the upgrade check. */
@Entity
@Table(name = "app_version")
class AppVersion {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private short appType;

	private String version;

	private int versionCode;

	private String url;

	private String title;

	private String msg;

	private boolean forceUpdate;

	private Instant createdAt;

	private Instant updatedAt;

	protected AppVersion() {
	}

	AppVersion(int appType, String version, int versionCode, String url, String title, String msg, boolean forceUpdate,
			Instant now) {
		this.appType = (short) appType;
		this.version = version;
		this.versionCode = versionCode;
		this.url = url;
		this.title = title;
		this.msg = msg;
		this.forceUpdate = forceUpdate;
		this.createdAt = now;
		this.updatedAt = now;
	}

	AppVersionView view() {
		return new AppVersionView(this.version, this.versionCode, this.url, this.title, this.msg,
				this.updatedAt.toEpochMilli(), this.appType, this.forceUpdate);
	}

}
