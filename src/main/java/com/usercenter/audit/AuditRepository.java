package com.usercenter.audit;

import org.springframework.data.repository.Repository;

interface AuditRepository extends Repository<AuditEvent, Long> {

	AuditEvent save(AuditEvent event);

}
