package com.usercenter.privacy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;

import com.usercenter.audit.AuditService;
import com.usercenter.audit.AuditType;
import com.usercenter.binding.AppleTokens;
import com.usercenter.user.UserLifecycle;
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
 * <p>
 * The lease is renewed for the rest of the batch before each account, and only where it
 * is still this instance's (the value it last wrote): a batch's worst case is
 * {@value #BATCH} accounts x Apple's connect and read timeouts (2 s + 5 s, one Apple
 * sign-in per account at most) = 350 s, longer than the 5-minute lease, but one account's
 * is 7 s, far within it. An account whose lease lapsed anyway (a stalled instance) is
 * left to whoever took it over.
 */
@Component
class ErasureJob {

	private static final Logger log = LoggerFactory.getLogger(ErasureJob.class);

	private static final int BATCH = 50;

	private final JdbcClient jdbc;

	private final AppleTokens apple;

	private final UserLifecycle lifecycle;

	private final AuditService audit;

	private final DeletionSettings settings;

	private final Clock clock;

	ErasureJob(JdbcClient jdbc, AppleTokens apple, UserLifecycle lifecycle, AuditService audit,
			DeletionSettings settings, Clock clock) {
		this.jdbc = jdbc;
		this.apple = apple;
		this.lifecycle = lifecycle;
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
		int claimed;
		do {
			Lease lease = claim();
			claimed = lease.accounts().size();
			while (!lease.accounts().isEmpty()) {
				erased += erase(lease.accounts().get(0)) ? 1 : 0;
				lease = renew(lease);
			}
		}
		while (claimed == BATCH);
		return erased;
	}

	private boolean erase(Due account) {
		boolean revoked = this.apple.revokeAll(account.userId());
		Instant now = this.clock.instant();
		if (!revoked && now.isBefore(account.eraseAt().plus(this.settings.revokeGrace()))) {
			// Apple did not answer: the next sweep tries again, within the grace period
			return false;
		}
		boolean erased = this.lifecycle.erase(account.userId());
		if (erased && !revoked) {
			this.audit.record(AuditType.APPLE_REVOCATION_FAILED, account.userId(), null,
					"erased without revoking its Apple sign-in after " + this.settings.revokeGrace());
		}
		return erased;
	}

	/** Due accounts no other instance holds, held by this one for the claim period. */
	private Lease claim() {
		Instant now = this.clock.instant();
		Instant until = leaseEnd(now);
		List<Due> due = this.jdbc.sql("""
				update app_user set erase_claimed_until = :until where id in (
				  select id from app_user where erase_at <= :now and status <> 'erased'
				    and (erase_claimed_until is null or erase_claimed_until < :now)
				  order by erase_at limit :batch for update skip locked)
				returning id, erase_at""")
			.param("until", Timestamp.from(until))
			.param("now", Timestamp.from(now))
			.param("batch", BATCH)
			.query((rs, row) -> new Due(rs.getLong(1), rs.getTimestamp(2).toInstant()))
			.list();
		return new Lease(until, sorted(due));
	}

	/**
	 * The lease on the accounts after the first, renewed for another claim period where
	 * it is still the one this instance wrote.
	 */
	private Lease renew(Lease lease) {
		List<Long> rest = lease.accounts().stream().skip(1).map(Due::userId).toList();
		if (rest.isEmpty()) {
			return new Lease(lease.until(), List.of());
		}
		Instant until = leaseEnd(this.clock.instant());
		List<Due> held = this.jdbc.sql("""
				update app_user set erase_claimed_until = :until
				where id in (:ids) and erase_claimed_until = :held
				returning id, erase_at""")
			.param("until", Timestamp.from(until))
			.param("ids", rest)
			.param("held", Timestamp.from(lease.until()))
			.query((rs, row) -> new Due(rs.getLong(1), rs.getTimestamp(2).toInstant()))
			.list();
		return new Lease(until, sorted(held));
	}

	/** The end of a lease taken now, as PostgreSQL stores it (microseconds). */
	private Instant leaseEnd(Instant now) {
		return now.plus(this.settings.claim()).truncatedTo(ChronoUnit.MICROS);
	}

	private static List<Due> sorted(List<Due> due) {
		return due.stream().sorted(Comparator.comparing(Due::eraseAt).thenComparing(Due::userId)).toList();
	}

	private record Due(long userId, Instant eraseAt) {
	}

	private record Lease(Instant until, List<Due> accounts) {
	}

}
