package com.usercenter.audit;

import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.repository.Repository;

interface AuditRepository extends Repository<AuditEvent, Long>, JpaSpecificationExecutor<AuditEvent> {

	AuditEvent save(AuditEvent event);

}
