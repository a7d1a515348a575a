package com.usercenter.audit;

import java.time.Clock;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

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

	@Transactional
	public void record(AuditType type, Long userId, String tenantKey, String detail) {
		this.events.save(new AuditEvent(type.value(), userId, tenantKey, clientIp(), this.clock.instant(), detail));
	}

	private static String clientIp() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest request = attributes.getRequest();
			return request.getRemoteAddr();
		}
		return null;
	}

}
