package com.usercenter.hobby;

import com.usercenter.user.AccountErased;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** An erased account's hobbies go with it. */
@Component
class HobbyErasure {

	private final JdbcClient jdbc;

	HobbyErasure(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(AccountErased erased) {
		this.jdbc.sql("delete from user_hobby where user_id = :id").param("id", erased.userId()).update();
	}

}
