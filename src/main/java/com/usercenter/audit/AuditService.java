package com.usercenter.audit;

import java.time.Clock;

import com.usercenter.core.ClientIp;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes audit events with the client address of the request being served. It joins the
 * caller's transaction, so an event is kept exactly when what it describes is.
 */
@Service
public class AuditService {

	private final AuditRepository events;

	private final Clock clock;

	AuditService(AuditRepository events, Clock clock) {
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Records a failure in a transaction of its own, so it is kept even when the caller's
	 * work is rolled back.
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void recordFailure(AuditType type, Long userId, String tenantKey, String detail) {
		record(type, userId, tenantKey, detail);
	}

	@Transactional
	public void record(AuditType type, Long userId, String tenantKey, String detail) {
		this.events
			.save(new AuditEvent(type.value(), userId, tenantKey, ClientIp.current(), this.clock.instant(), detail));
	}

}
