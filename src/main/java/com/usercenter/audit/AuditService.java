package com.usercenter.audit;

import java.time.Clock;
import java.time.Instant;

import com.usercenter.core.PageResult;
import com.usercenter.core.web.ClientIp;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
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

	/** Events matching every filter given, newest first. */
	@Transactional(readOnly = true)
	public PageResult<AuditEventView> search(Long userId, String type, Instant from, Instant to, int page, int size) {
		Specification<AuditEvent> spec = (root, query, cb) -> cb.conjunction();
		if (userId != null) {
			spec = spec.and((root, query, cb) -> cb.equal(root.get("userId"), userId));
		}
		if (type != null) {
			spec = spec.and((root, query, cb) -> cb.equal(root.get("type"), type));
		}
		if (from != null) {
			spec = spec.and((root, query, cb) -> cb.greaterThanOrEqualTo(root.get("at"), from));
		}
		if (to != null) {
			spec = spec.and((root, query, cb) -> cb.lessThan(root.get("at"), to));
		}
		return PageResult.of(
				this.events.findAll(spec,
						PageRequest.of(page, size, Sort.by(Sort.Order.desc("at"), Sort.Order.desc("id")))),
				AuditEvent::view);
	}

	/**
	 * The newest events about a user, at most {@code max}: for the user's data export.
	 */
	@Transactional(readOnly = true)
	public java.util.List<AuditEventView> about(long userId, int max) {
		return this.events
			.findAll((root, query, cb) -> cb.equal(root.get("userId"), userId),
					PageRequest.of(0, max, Sort.by(Sort.Order.desc("at"), Sort.Order.desc("id"))))
			.map(AuditEvent::view)
			.getContent();
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
