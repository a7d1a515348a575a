package com.usercenter.privacy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import com.usercenter.audit.AuditService;
import com.usercenter.audit.AuditType;
import com.usercenter.binding.AppleTokens;
import com.usercenter.user.UserService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Erases accounts whose cooling-off period is over, on every instance, safely together: a
 * due account is claimed by one statement ({@code for update skip locked}, then a lease),
 * its Apple sign-ins are revoked at Apple with no transaction open, and then it is erased
 * in one transaction that skips an account already erased or kept. A crash at any step
 * leaves the lease to expire and the next sweep to finish the work, once.
 */
@Component
class ErasureJob {

	private static final Logger log = LoggerFactory.getLogger(ErasureJob.class);

	private static final int BATCH = 50;

	private final JdbcClient jdbc;

	private final AppleTokens apple;

	private final UserService users;

	private final AuditService audit;

	private final DeletionSettings settings;

	private final Clock clock;

	ErasureJob(JdbcClient jdbc, AppleTokens apple, UserService users, AuditService audit, DeletionSettings settings,
			Clock clock) {
		this.jdbc = jdbc;
		this.apple = apple;
		this.users = users;
		this.audit = audit;
		this.settings = settings;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${usercenter.deletion.sweep-interval:PT1H}",
			initialDelayString = "${usercenter.deletion.first-sweep-after:PT1M}")
	void scheduled() {
		int erased = sweep();
		if (erased > 0) {
			log.info("Erased {} accounts whose cooling-off period was over", erased);
		}
	}

	/** One pass: claims what is due now and erases it. */
	int sweep() {
		int erased = 0;
		List<Due> due;
		do {
			due = claim();
			for (Due account : due) {
				erased += erase(account) ? 1 : 0;
			}
		}
		while (due.size() == BATCH);
		return erased;
	}

	private boolean erase(Due account) {
		boolean revoked = this.apple.revokeAll(account.userId());
		Instant now = this.clock.instant();
		if (!revoked && now.isBefore(account.eraseAt().plus(this.settings.revokeGrace()))) {
			// Apple did not answer: the next sweep tries again, within the grace period
			return false;
		}
		boolean erased = this.users.erase(account.userId());
		if (erased && !revoked) {
			this.audit.record(AuditType.APPLE_REVOCATION_FAILED, account.userId(), null,
					"erased without revoking its Apple sign-in after " + this.settings.revokeGrace());
		}
		return erased;
	}

	/** Due accounts no other instance holds, held by this one for the claim period. */
	private List<Due> claim() {
		Instant now = this.clock.instant();
		return this.jdbc.sql("""
				update app_user set erase_claimed_until = :until where id in (
				  select id from app_user where erase_at <= :now and status <> 'erased'
				    and (erase_claimed_until is null or erase_claimed_until < :now)
				  order by erase_at limit :batch for update skip locked)
				returning id, erase_at""")
			.param("until", Timestamp.from(now.plus(this.settings.claim())))
			.param("now", Timestamp.from(now))
			.param("batch", BATCH)
			.query((rs, row) -> new Due(rs.getLong(1), rs.getTimestamp(2).toInstant()))
			.list();
	}

	private record Due(long userId, Instant eraseAt) {
	}

}
