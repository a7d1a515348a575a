package com.usercenter.token;

import com.usercenter.user.AccountErased;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** An erased account's sessions and refresh tokens go with it. */
@Component
class SessionErasure {

	private final JdbcClient jdbc;

	private final LiveSessions live;

	SessionErasure(JdbcClient jdbc, LiveSessions live) {
		this.jdbc = jdbc;
		this.live = live;
	}

	@EventListener
	void on(AccountErased erased) {
		// refresh tokens go by their foreign key's cascade
		this.jdbc.sql("delete from user_session where user_id = :id").param("id", erased.userId()).update();
		this.live.ending();
	}

}
